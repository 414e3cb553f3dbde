package com.gridcommand.changefeed;

import com.gridcommand.casework.CaseService;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The change feed: a row changed in the database reaches the application as a {@link MapChange} under the topic its
 * feature publishes, heard through LISTEN/NOTIFY on its own connection — whoever wrote the row, even another node.
 */
@IntegrationTest
class ChangeFeedTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    private final List<MapChange> heard = new CopyOnWriteArrayList<>();
    private final ApplicationListener<PayloadApplicationEvent<MapChanges>> listener = e -> heard.addAll(e.getPayload().changes());

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    @Test
    void a_changed_case_and_a_moved_responder_are_heard_under_their_features_topics() throws InterruptedException {
        context.addApplicationListener(listener);
        long caseId = jdbc.sql("select id from gov_case order by id limit 1").query(Long.class).single();
        // Updates that change nothing: the triggers still notify, and the audit trail (which skips no-ops) stays as it was.
        jdbc.sql("update gov_case set title = title where id = :id").param("id", caseId).update();
        long responderId = jdbc.sql("select id from responder order by id limit 1").query(Long.class).single();
        jdbc.sql("update responder set name = name where id = :id").param("id", responderId).update();

        MapChange caseChange = await(c -> c.topic().equals(CaseService.CHANGES) && c.id() == caseId);
        assertThat(caseChange.op()).isEqualTo(MapChange.Op.UPDATE);
        assertThat(caseChange.isReload()).isFalse();
        MapChange responderChange = await(c -> c.topic().equals(ResponderService.CHANGES) && c.id() == responderId);
        assertThat(responderChange.op()).isEqualTo(MapChange.Op.UPDATE);
    }

    @Test
    void a_topic_names_a_table_and_nothing_else() {
        assertThat(ChangeTopic.rowsOf("gov_case")).isEqualTo(CaseService.CHANGES);
        assertThat(new MapChange("responder", 7, MapChange.Op.INSERT).topic()).isEqualTo(ResponderService.CHANGES);
        assertThatThrownBy(() -> ChangeTopic.rowsOf("gov_case; drop table x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChangeTopic.rowsOf(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private MapChange await(java.util.function.Predicate<MapChange> wanted) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            for (MapChange c : heard) if (wanted.test(c)) return c;
            Thread.sleep(50);
        }
        throw new AssertionError("not heard within 10 s; heard " + heard);
    }
}
