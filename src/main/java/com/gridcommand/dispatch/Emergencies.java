package com.gridcommand.dispatch;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Emergency mode (应急): an emergency of level I (most severe) to IV declared at a point. Its situation is
 * what a commander needs at once: rings of 500 m, 1 km and 3 km with the key places, cameras and grid cells
 * inside, the nearest units with travel times, the contingency checklist of its kind, and the responsible
 * leaders — those of its township, and for levels I and II the city's — with where they are.
 */
@Service
@Transactional
public class Emergencies {

    /** Emergencies started, changed or ended. */
    public static final ChangeTopic CHANGES = ChangeTopic.rowsOf("emergency");

    public static final List<Integer> RINGS = List.of(500, 1000, 3000);
    public static final Set<String> KINDS = Set.of("FIRE", "FLOOD", "MASS_INCIDENT", "TRAFFIC", "HAZMAT", "PUBLIC_HEALTH");

    private final JdbcClient jdbc;
    private final CurrentUser current;
    private final Clock clock;
    private final NearestResponders nearest;
    private final TravelTimes travelTimes;

    Emergencies(JdbcClient jdbc, CurrentUser current, Clock clock, NearestResponders nearest, TravelTimes travelTimes) {
        this.jdbc = jdbc;
        this.current = current;
        this.clock = clock;
        this.nearest = nearest;
        this.travelTimes = travelTimes;
    }

    public record Emergency(long id, String kind, int level, String title, double lon, double lat, String township,
                            String declaredBy, OffsetDateTime declaredAt) {}

    public record Ring(int metres, int keyPlaces, int cameras, int cells) {}

    public record Place(String kind, String name, double metres, double lon, double lat) {}

    public record CheckItem(int number, String text, String doneBy, OffsetDateTime doneAt) {}

    public record Leader(long userId, String name, String status, Double lon, Double lat, Double metres, TravelTime travel) {}

    public record Situation(Emergency emergency, List<Ring> rings, List<Place> places, List<Candidate> units,
                            List<CheckItem> checklist, List<Leader> leaders) {}

    /** Declares an emergency at a point in the caller's areas and calls its leaders. */
    public long declare(String kind, int level, String title, double lon, double lat) {
        GridUser user = current.require(Role.COMMAND, Role.DISPATCHER, Role.LEADER);
        if (!KINDS.contains(kind)) throw new ProblemException("problem.emergency.kind", "unknown emergency kind " + kind);
        if (level < 1 || level > 4) throw new ProblemException("problem.emergency.level", "an emergency level is I to IV (1 to 4)");
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new ProblemException("problem.emergency.title", "an emergency needs a title of up to 200 characters", 200);
        }
        new TravelTimes.Point(lon, lat);
        Long township = ScopeSql.bind(jdbc.sql("""
                        select t.id from grid_cell c join community m on m.id = c.community_id join township t on t.id = m.township_id
                         where ST_Intersects(c.geom, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)) and\s""" + ScopeSql.cellId("c.id")
                        + " order by c.code limit 1"), current.scope())
                .param("lon", lon).param("lat", lat).query(Long.class).optional()
                .orElseThrow(() -> new ProblemException("problem.emergency.outside", "the point is not on a grid cell of your areas"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = jdbc.sql("""
                        insert into emergency (kind, level, title, geom, township_id, declared_by, declared_at)
                        values (:kind, :level, :title, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), :t, :by, :now) returning id""")
                .param("kind", kind).param("level", level).param("title", title.trim()).param("lon", lon).param("lat", lat)
                .param("t", township).param("by", user.username()).param("now", now).query(Long.class).single();
        // Township leaders always; the city's for levels I and II (and when the township has none).
        jdbc.sql("""
                        insert into emergency_leader (emergency_id, user_id, status, updated_at)
                        select :id, u.id, 'NOTIFIED', :now from app_user u
                         where u.role = 'LEADER' and u.enabled
                           and ((u.scope_kind = 'TOWNSHIP' and exists (select 1 from township t where t.id = :t and t.code = any (u.scope_codes)))
                                or (u.scope_kind = 'CITY' and (:level <= 2 or not exists (
                                        select 1 from app_user l join township t on t.code = any (l.scope_codes)
                                         where l.role = 'LEADER' and l.enabled and l.scope_kind = 'TOWNSHIP' and t.id = :t))))""")
                .param("id", id).param("now", now).param("t", township).param("level", level).update();
        return id;
    }

    @Transactional(readOnly = true)
    public List<Emergency> active() {
        return ScopeSql.bind(jdbc.sql("""
                        select e.*, ST_X(e.geom) as lon, ST_Y(e.geom) as lat, t.name as township
                          from emergency e join township t on t.id = e.township_id
                         where e.ended_at is null and\s""" + ScopeSql.townshipId("e.township_id") + " order by e.level, e.declared_at"),
                        current.scope())
                .query((rs, i) -> new Emergency(rs.getLong("id"), rs.getString("kind"), rs.getInt("level"), rs.getString("title"),
                        rs.getDouble("lon"), rs.getDouble("lat"), rs.getString("township"), rs.getString("declared_by"),
                        rs.getObject("declared_at", OffsetDateTime.class)))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Situation> situation(long id) {
        Optional<Emergency> found = ScopeSql.bind(jdbc.sql("""
                        select e.*, ST_X(e.geom) as lon, ST_Y(e.geom) as lat, t.name as township
                          from emergency e join township t on t.id = e.township_id where e.id = :id and\s"""
                        + ScopeSql.townshipId("e.township_id")), current.scope())
                .param("id", id)
                .query((rs, i) -> new Emergency(rs.getLong("id"), rs.getString("kind"), rs.getInt("level"), rs.getString("title"),
                        rs.getDouble("lon"), rs.getDouble("lat"), rs.getString("township"), rs.getString("declared_by"),
                        rs.getObject("declared_at", OffsetDateTime.class)))
                .optional();
        if (found.isEmpty()) return Optional.empty();
        Emergency e = found.get();
        List<Ring> rings = RINGS.stream().map(m -> jdbc.sql("""
                        with here as (select geom::geography as g from emergency where id = :id)
                        select (select count(*) from key_place k, here where ST_DWithin(k.geom::geography, here.g, :m)),
                               (select count(*) from camera c, here where ST_DWithin(c.geom::geography, here.g, :m)),
                               (select count(*) from grid_cell c, here where ST_DWithin(c.geom::geography, here.g, :m))""")
                .param("id", id).param("m", (double) m)
                .query((rs, i) -> new Ring(m, rs.getInt(1), rs.getInt(2), rs.getInt(3))).single()).toList();
        List<Place> places = jdbc.sql("""
                        with here as (select geom::geography as g from emergency where id = :id)
                        select k.kind, k.name, ST_Distance(k.geom::geography, here.g) as metres, ST_X(k.geom) as lon, ST_Y(k.geom) as lat
                          from key_place k, here where ST_DWithin(k.geom::geography, here.g, :m) order by metres, k.id""")
                .param("id", id).param("m", (double) RINGS.getLast())
                .query((rs, i) -> new Place(rs.getString("kind"), rs.getString("name"), rs.getDouble("metres"), rs.getDouble("lon"), rs.getDouble("lat")))
                .list();
        List<Candidate> units = nearest.nearestWithTravel(e.lon(), e.lat(), 8, CandidateFilter.ANY, 8);
        List<CheckItem> checklist = jdbc.sql("""
                        select l.item_no, l.text, c.done_by, c.done_at from emergency_checklist l
                          left join emergency_check c on c.emergency_id = :id and c.item_no = l.item_no
                         where l.kind = :kind order by l.item_no""")
                .param("id", id).param("kind", e.kind())
                .query((rs, i) -> new CheckItem(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class))).list();
        record Row(long user, String name, String status, Double lon, Double lat, Double metres) {}
        List<Row> rows = jdbc.sql("""
                        select u.id, u.display_name, l.status, ST_X(r.position) as lon, ST_Y(r.position) as lat,
                               ST_Distance(r.position::geography, e.geom::geography) as metres
                          from emergency_leader l join app_user u on u.id = l.user_id join emergency e on e.id = l.emergency_id
                          left join responder r on r.id = u.responder_id
                         where l.emergency_id = :id order by u.display_name""")
                .param("id", id)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), (Double) rs.getObject(4), (Double) rs.getObject(5),
                        (Double) rs.getObject(6))).list();
        List<Row> placed = rows.stream().filter(r -> r.lon() != null).toList();
        List<TravelTime> times = travelTimes.toTarget(placed.stream().map(r -> new TravelTimes.Point(r.lon(), r.lat())).toList(),
                new TravelTimes.Point(e.lon(), e.lat()));
        List<Leader> leaders = rows.stream().map(r -> new Leader(r.user(), r.name(), r.status(), r.lon(), r.lat(), r.metres(),
                placed.contains(r) ? times.get(placed.indexOf(r)) : null)).toList();
        return Optional.of(new Situation(e, rings, places, units, checklist, leaders));
    }

    /** The rings around an emergency as GeoJSON polygons, innermost first (true metres: buffered as geography). */
    @Transactional(readOnly = true)
    public List<String> rings(long id) {
        return RINGS.stream().map(m -> jdbc.sql("select ST_AsGeoJSON(ST_Buffer(geom::geography, :m, 48)::geometry, 6) from emergency where id = :id")
                .param("m", (double) m).param("id", id).query(String.class).single()).toList();
    }

    /** Refuses an emergency outside the caller's areas (without building its whole situation). */
    private void requireInScope(long id) {
        boolean found = ScopeSql.bind(jdbc.sql("select count(*) > 0 from emergency e where e.id = :id and " + ScopeSql.townshipId("e.township_id")),
                current.scope()).param("id", id).query(Boolean.class).single();
        if (!found) throw new CurrentUser.AccessDeniedException("that emergency is outside your areas");
    }

    /** Ticks an item of the checklist as done (once; the first to tick it is recorded). */
    public void check(long id, int itemNo) {
        current.require(Role.COMMAND, Role.DISPATCHER, Role.LEADER);
        requireInScope(id);
        jdbc.sql("insert into emergency_check (emergency_id, item_no, done_by, done_at) values (:id, :n, :by, :now) on conflict do nothing")
                .param("id", id).param("n", itemNo).param("by", current.actor()).param("now", OffsetDateTime.now(clock)).update();
    }

    /** A called leader says they are on the way, or have arrived. */
    public void leaderStatus(long id, String status) {
        GridUser user = current.require(Role.LEADER);
        if (!Set.of("ON_THE_WAY", "ARRIVED").contains(status)) throw new ProblemException("problem.emergency.leaderStatus", "a leader is ON_THE_WAY or ARRIVED");
        int rows = jdbc.sql("update emergency_leader set status = :s, updated_at = :now where emergency_id = :id and user_id = :u")
                .param("s", status).param("now", OffsetDateTime.now(clock)).param("id", id).param("u", user.id()).update();
        if (rows == 0) throw new CurrentUser.AccessDeniedException("you were not called to this emergency");
        jdbc.sql("update emergency set version = version + 1 where id = :id").param("id", id).update();
    }

    public void end(long id) {
        current.require(Role.COMMAND, Role.DISPATCHER, Role.LEADER);
        requireInScope(id);
        jdbc.sql("update emergency set ended_at = :now, ended_by = :by, version = version + 1 where id = :id and ended_at is null")
                .param("now", OffsetDateTime.now(clock)).param("by", current.actor()).param("id", id).update();
    }
}
