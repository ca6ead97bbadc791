package com.whatsdex.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * HTTP requests never take the connections kept for background jobs: with every connection of the requests' share
 * held by request threads, a job still gets one at once, a further request waits and is answered 503, and a request
 * that already holds a connection can open a nested one.
 */
@IntegrationTest
class RequestConnectionBudgetIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseProperties properties;

    @LocalServerPort
    int port;

    @Test
    void requestsCannotTakeTheConnectionsKeptForJobs() throws Exception {
        RequestConnectionBudget budget = (RequestConnectionBudget) dataSource;
        int share = properties.poolSize() - properties.reservedForJobs();
        assertThat(properties.reservedForJobs()).isPositive();
        Browser owner = new Browser(port).register("Connection budget");
        assertThat(budget.availableToRequests())
                .as("no request holds a connection now")
                .isEqualTo(share);

        CountDownLatch holding = new CountDownLatch(share);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> held = new ArrayList<>();
            for (int i = 0; i < share; i++) {
                boolean nested = i == 0;
                held.add(requests.submit(() -> asRequest(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        holding.countDown();
                        if (nested) {
                            // a nested transaction of a request that holds one: never waits for the share
                            try (Connection second = dataSource.getConnection()) {
                                assertThat(second.isValid(1)).isTrue();
                            }
                        }
                        assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                        return c.isValid(1);
                    }
                })));
            }
            try {
                assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
                assertThat(budget.availableToRequests()).isZero();

                // a job (any thread not working on a request) gets a connection at once
                long start = System.nanoTime();
                try (Connection job = dataSource.getConnection()) {
                    assertThat(job.isValid(1)).isTrue();
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

                // another request waits for the share, then fails as overloaded
                assertThatThrownBy(() -> asRequest(() -> {
                            try (Connection c = dataSource.getConnection()) {
                                return c.isValid(1);
                            }
                        }))
                        .isInstanceOf(SQLTransientConnectionException.class)
                        .hasMessageContaining("background jobs");
                Browser.Response busy = owner.get("/api/v1/workspace");
                assertThat(busy.status()).as(busy.raw()).isEqualTo(503);
                assertThat(busy.errorCode()).isEqualTo("overloaded");
                assertThat(busy.header("Retry-After")).isEqualTo("1");

            } finally {
                release.countDown();
            }
            for (Future<Boolean> f : held) {
                assertThat(f.get()).isTrue();
            }
        }
        assertThat(budget.availableToRequests())
                .as("every connection's share given back")
                .isEqualTo(share);
        assertThat(owner.get("/api/v1/workspace").status()).isEqualTo(200);
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private static <T> T asRequest(Work<T> work) throws Exception {
        boolean outermost = RequestConnectionBudget.enterRequest();
        try {
            return work.run();
        } finally {
            if (outermost) {
                RequestConnectionBudget.leaveRequest();
            }
        }
    }
}
