/**
 * Measuring tools for the core: JMH benchmarks of {@code fetchIdentify()} against raw
 * HTTP baselines, and the rate-limit efficiency run against FakeDiscord. Run them with
 * {@code benchmarks/run.sh}.
 */
@NullMarked
package io.github.discordoauth2.benchmarks;

import org.jspecify.annotations.NullMarked;
