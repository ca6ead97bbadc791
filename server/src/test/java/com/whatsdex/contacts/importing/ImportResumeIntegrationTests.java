package com.whatsdex.contacts.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.contacts.importing.ContactImporter.ImportJob;
import com.whatsdex.contacts.importing.ImportRepository.BatchCounts;
import com.whatsdex.jobs.JobContext;
import com.whatsdex.jobs.WorkerGroup;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An import job that died after merging some batches (a kill -9, a lost node) is run again by the scheduler: it must
 * resume after its checkpoint, so no row is merged or counted twice.
 */
@IntegrationTest
class ImportResumeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ImportRepository imports;

    @Autowired
    ContactImporter importer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager txManager;

    @Test
    void aRestartedJobResumesAfterItsLastMergedBatch() throws Exception {
        Browser owner = new Browser(port).register("Resume");
        UUID tenant = owner.workspaceId();
        TransactionTemplate tx = new TransactionTemplate(txManager);
        byte[] file =
                "phone,name\n+2348031110001,A\n+2348031110002,B\n+2348031110003,C\n+2348031110004,D\n+2348031110001,A again\n"
                        .getBytes(StandardCharsets.UTF_8);
        UUID id = Ids.newId();
        TenantContext.runAs(
                tenant,
                () -> tx.executeWithoutResult(s -> {
                    imports.insert(tenant, id, null, "resume.csv", "NG", "update", List.of(), null);
                    imports.insertChunk(tenant, id, 0, file, file.length);
                    imports.setSize(id, file.length);
                    imports.markQueued(id);
                    // the state a crash left: the first batch (records 2-3: A, B) merged and checkpointed, then the
                    // node died
                    imports.markRunning(id, "UTF-8", "comma", List.of("phone", "name"));
                    for (String[] c :
                            List.of(new String[] {"+2348031110001", "A"}, new String[] {"+2348031110002", "B"})) {
                        jdbc.sql("insert into contacts (tenant_id, id, phone, raw_phone, name, import_id)"
                                        + " values (:t, :id, :p, :p, :n, :i)")
                                .param("t", tenant)
                                .param("id", Ids.newId())
                                .param("p", c[0])
                                .param("n", c[1])
                                .param("i", id)
                                .update();
                    }
                    imports.recordBatch(id, 2, new BatchCounts(2, 0, 0, 0), 3, 40);
                }));

        // the scheduler's second attempt
        TenantContext.runAs(tenant, () -> {
            try {
                importer.run(
                        new ImportJob(tenant, id),
                        new JobContext(ContactImporter.TASK, id.toString(), WorkerGroup.media, 2, Instant.now()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Browser.Response after = owner.get("/api/v1/contacts/imports/" + id);
        assertThat(after.status()).isEqualTo(200);
        var imp = after.data();
        assertThat(imp.path("status").asString()).isEqualTo("completed");
        // rows C, D created; the repeated A skipped as a duplicate of the file; A and B never counted twice
        assertThat(List.of(
                        imp.path("rows").asLong(),
                        imp.path("created").asLong(),
                        imp.path("updated").asLong(),
                        imp.path("skipped").asLong(),
                        imp.path("rejected").asLong()))
                .containsExactly(5L, 4L, 0L, 1L, 0L);
        assertThat(owner.get("/api/v1/contacts/count").data().path("count").asLong())
                .isEqualTo(4);
        assertThat(owner.get("/api/v1/contacts?search=A").data().path("items").size())
                .isEqualTo(1);
        assertThat(Map.of("chunks", TenantContext.callAs(tenant, () -> tx.execute(s -> imports.chunk(id, 0)) == null)))
                .as("the stored file is removed once the import ends")
                .containsEntry("chunks", true);
    }
}
