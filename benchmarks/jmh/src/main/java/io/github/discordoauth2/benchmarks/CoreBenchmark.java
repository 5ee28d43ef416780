package io.github.discordoauth2.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.PartialAccessToken;
import io.github.discordoauth2.model.User;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The core's {@code fetchIdentify()} with its defaults (request factory, timeouts, rate limiter), against the
 * same server and in the same run as {@link IdentifyBenchmark}'s baselines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreBenchmark {

    private PartialAccessToken token;

    /** One client and one token shared by all threads, as in a web application. */
    @Setup
    public void setUp() {
        Client client = Client.builder()
                .clientId(1100000000000000001L)
                .clientSecret("bench-client-secret")
                .baseUrl(BenchTarget.BASE_URL)
                .build();
        token = client.fromAccessToken(BenchTarget.TOKEN);
        if (token.fetchIdentify().id() == 0) {
            throw new IllegalStateException("the benchmark server at " + BenchTarget.URL + " returned no user");
        }
    }

    /** {@code GET /users/@me} through the core's one request road. */
    @Benchmark
    public User coreFetchIdentify() {
        return token.fetchIdentify();
    }
}
