package com.gridcommand.security;

import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.support.TestClockConfiguration;
import com.gridcommand.support.WebClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** A load balancer reads the app's health without signing in; only administrators see what it is made of. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class HealthEndpointTest {

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLoadBalancerReadsHealthLivenessAndReadinessWithoutSigningInAndSeesNoDetails() throws Exception {
        WebClient probe = new WebClient(port);
        for (String path : new String[]{"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health/proxy"}) {
            HttpResponse<String> health = probe.get(path);
            assertThat(health.statusCode()).as(path).isEqualTo(200);
            JsonNode body = json.readTree(health.body());
            assertThat(body.path("status").asString()).as(path).isEqualTo("UP");
            assertThat(body.has("components")).as(path + " shows no parts").isFalse();
            assertThat(health.headers().allValues("Set-Cookie")).as(path + " makes no session").isEmpty();
        }
    }

    @Test
    void anAdministratorSeesTheDatabaseInTheHealthOthersDoNot() throws Exception {
        WebClient client = new WebClient(port);
        JsonNode admin = json.readTree(client.get("/actuator/health", "Authorization", basic("admin")).body());
        assertThat(admin.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(admin.path("components").path("db").path("details").path("database").asString()).isEqualTo("PostgreSQL");
        JsonNode readiness = json.readTree(client.get("/actuator/health/readiness", "Authorization", basic("admin")).body());
        assertThat(readiness.path("components").has("db")).as("readiness waits for the database").isTrue();
        // The proxy in front of several nodes asks only whether this node is started and not draining: the nodes
        // share the database, and moving users off a node while it fails over would only end their sessions.
        JsonNode proxy = json.readTree(client.get("/actuator/health/proxy", "Authorization", basic("admin")).body());
        assertThat(proxy.path("components").has("readinessState")).isTrue();
        assertThat(proxy.path("components").has("db")).as("the proxy's check leaves the shared database out").isFalse();

        JsonNode commandStaff = json.readTree(client.get("/actuator/health", "Authorization", basic("zhihui")).body());
        assertThat(commandStaff.path("status").asString()).isEqualTo("UP");
        assertThat(commandStaff.has("components")).isFalse();

        // Signed in on the dashboard, an administrator sees the same.
        WebClient dashboard = new WebClient(port);
        dashboard.signIn("admin", DemoUsers.PASSWORD);
        assertThat(json.readTree(dashboard.get("/actuator/health").body()).path("components").has("db")).isTrue();
    }

    @Test
    void nothingElseOfTheActuatorIsOpen() throws Exception {
        WebClient client = new WebClient(port);
        assertThat(client.get("/actuator/env").statusCode()).isEqualTo(401);
        assertThat(client.get("/actuator").statusCode()).isEqualTo(401);
        assertThat(client.get("/actuator/env", "Authorization", basic("zhihui")).statusCode()).isEqualTo(403);
        assertThat(client.get("/actuator/env", "Authorization", basic("admin")).statusCode()).as("not exposed at all").isEqualTo(404);
    }
}
