package com.gridcommand.hotspot.internal;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.hotspot.HotspotDetails;
import com.gridcommand.hotspot.HotspotDetection;
import com.gridcommand.hotspot.HotspotDetection.Candidate;
import com.gridcommand.hotspot.HotspotDetection.CellScore;
import com.gridcommand.hotspot.HotspotDetection.DensityCell;
import com.gridcommand.hotspot.HotspotDetection.Selection;
import com.gridcommand.hotspot.HotspotRegister.Entry;
import com.gridcommand.hotspot.HotspotRegister.Review;
import com.gridcommand.security.AccessScope;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The hotspot module's SQL: hotspots for the map, the register and its reviews, trends and detection from the cases. */
@Component
public class HotspotQueries {

    /** A hotspot belongs to its township; users of a smaller area see it where it reaches into theirs. */
    private static final String IN_SCOPE = ScopeSql.ownedByTownship("h.township_id", "h.geom");

    private final JdbcClient jdbc;

    HotspotQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- the map ------------------------------------------------------------------------------------------------

    /**
     * Hotspots in scope intersecting the box (only those of {@code ids} when given), simplified by the tolerance, by code,
     * with {@code code}, {@code name}, {@code status} (hotspot_geom_gist serves the box, the primary key the ids).
     */
    public List<GeoFeature> inView(Bbox b, double tolerance, int decimals, Collection<Long> ids, AccessScope scope) {
        String where = (ids == null ? "" : "h.id in (:ids) and ") + "ST_Intersects(h.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))";
        var spec = ScopeSql.bind(jdbc.sql("""
                        select h.id, h.code, h.name, h.status,
                               ST_AsGeoJSON(ST_SimplifyPreserveTopology(h.geom, :tolerance), :decimals) as geometry
                          from hotspot h where %s and %s order by h.code""".formatted(where, IN_SCOPE)), scope)
                .param("tolerance", tolerance).param("decimals", decimals)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north());
        if (ids != null) spec = spec.param("ids", ids);
        return spec.query((rs, i) -> feature(rs)).list();
    }

    private static GeoFeature feature(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", rs.getString("code"));
        p.put("name", rs.getString("name"));
        p.put("status", rs.getString("status"));
        return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
    }

    /** A page of the hotspots in scope intersecting the box, unsimplified, by id, with the count (hotspot_geom_gist, the primary key for the order). */
    public FeaturePage page(FeaturePage.Request request, AccessScope scope) {
        String where = request.where("h.geom", "h.id") + " and " + IN_SCOPE;
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("select h.id, h.code, h.name, h.status, ST_AsGeoJSON(h.geom, 7) as geometry from hotspot h where "
                        + where + request.cut("h.id")), scope)
                .params(request.params()).query((rs, i) -> feature(rs)).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from hotspot h where " + where), scope)
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the hotspots in scope lie: ST_Extent of their stored boxes (no index: a scan of hotspot, some 15 rows in the demo city). */
    public FeatureExtent extent(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("h.geom", null, "hotspot h", IN_SCOPE)), scope)
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    /** How many hotspots in scope still listed (not delisted) intersect the box (hotspot_geom_gist serves the box). */
    public int countActive(Bbox b, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select count(*) from hotspot h
                         where h.status <> 'DELISTED' and ST_Intersects(h.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and """ + IN_SCOPE),
                        scope)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(Integer.class).single();
    }

    /** A hotspot in scope with its township and area in km² (hotspot's primary key). */
    public Optional<HotspotDetails> details(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select h.id, h.code, h.name, h.status, h.listed_on, h.delisted_on, h.responsible_unit, h.measures,
                               h.focus, t.name as township, ST_Area(h.geom::geography) / 1e6 as km2
                          from hotspot h left join township t on t.id = h.township_id where h.id = :id and """ + IN_SCOPE), scope)
                .param("id", id)
                .query((rs, i) -> new HotspotDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("status"), rs.getObject("listed_on", LocalDate.class),
                        rs.getObject("delisted_on", LocalDate.class), rs.getString("responsible_unit"),
                        rs.getString("measures"), texts(rs.getArray("focus")), rs.getString("township"), rs.getDouble("km2")))
                .optional();
    }

    /** Sets a hotspot's status (delisting it today, not before its listing) if its whole township is in scope; the rows changed (hotspot's primary key). */
    public int changeStatus(long id, String status, LocalDate today, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        update hotspot h set status = :status, version = version + 1,
                               delisted_on = case when :status = 'DELISTED' then coalesce(h.delisted_on, greatest(:today, h.listed_on)) end
                         where h.id = :id and """ + ScopeSql.townshipWholly("h.township_id")), scope)
                .param("status", status).param("today", today).param("id", id).update();
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    // ---- the register -------------------------------------------------------------------------------------------

    /** Whether a drawn area lies in the city, and its area in m². */
    public record Fit(boolean inside, double squareMetres) {}

    /** Whether the area (WKT) is covered by the townships, and its area in m² (no index: the union of the townships, 5 rows in the demo city). */
    public Fit fit(String wkt) {
        return jdbc.sql("""
                        select ST_CoveredBy(ST_GeomFromText(:wkt, 4326), (select ST_Union(geom) from township)),
                               ST_Area(ST_GeomFromText(:wkt, 4326)::geography)""")
                .param("wkt", wkt).query((rs, i) -> new Fit(rs.getBoolean(1), rs.getDouble(2))).single();
    }

    /** The township wholly in scope that holds most of the area (WKT), if any (township_geom_gist). */
    public Optional<Long> townshipHoldingMost(String wkt, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select t.id from township t where ST_Intersects(t.geom, ST_GeomFromText(:wkt, 4326)) and\s"""
                        + ScopeSql.townshipWholly("t.id") + " order by ST_Area(ST_Intersection(t.geom, ST_GeomFromText(:wkt, 4326))) desc limit 1"),
                        scope)
                .param("wkt", wkt).query(Long.class).optional();
    }

    /** How many hotspots there are (no index: a count of hotspot, some 15 rows in the demo city). */
    public int count() {
        return jdbc.sql("select count(*) from hotspot").query(Integer.class).single();
    }

    /** Stores a hotspot LISTED today; its id. */
    public long insertListed(String code, String name, LocalDate today, String responsibleUnit, String measures, List<String> focus,
                             long townshipId, String wkt) {
        return jdbc.sql("""
                        insert into hotspot (code, name, status, listed_on, responsible_unit, measures, focus, township_id, geom)
                        values (:code, :name, 'LISTED', :today, :unit, :measures, :focus::text[], :t, ST_GeomFromText(:wkt, 4326)) returning id""")
                .param("code", code).param("name", name).param("today", today)
                .param("unit", responsibleUnit).param("measures", measures).param("focus", SqlArrays.text(focus))
                .param("t", townshipId).param("wkt", wkt).query(Long.class).single();
    }

    /** Gives a hotspot a new outline if it is still at {@code version} and its whole township in scope; the rows changed (hotspot's primary key). */
    public int reshape(long id, String wkt, long version, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        update hotspot h set geom = ST_GeomFromText(:wkt, 4326), version = version + 1
                         where h.id = :id and h.version = :v and\s""" + ScopeSql.townshipWholly("h.township_id")), scope)
                .param("wkt", wkt).param("id", id).param("v", version).update();
    }

    /** A hotspot's status, locked for the review, if its whole township is in scope (hotspot's primary key). */
    public Optional<String> statusForUpdate(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("select h.status from hotspot h where h.id = :id and " + ScopeSql.townshipWholly("h.township_id") + " for update"),
                        scope)
                .param("id", id).query(String.class).optional();
    }

    /** Moves a hotspot to a status by review: delisted today, or listed anew today when it was delisted (hotspot's primary key). */
    public void setReviewedStatus(long id, String toStatus, LocalDate today) {
        jdbc.sql("""
                        update hotspot set status = :s, version = version + 1,
                               delisted_on = case when :s = 'DELISTED' then greatest(:today, listed_on) end,
                               listed_on = case when status = 'DELISTED' and :s = 'LISTED' then :today else listed_on end
                         where id = :id""")
                .param("s", toStatus).param("today", today).param("id", id).update();
    }

    /** Stores a review line. */
    public void insertReview(long id, OffsetDateTime at, String reviewer, String fromStatus, String toStatus, String note) {
        jdbc.sql("insert into hotspot_review (hotspot_id, at, reviewer, from_status, to_status, note) values (:id, :at, :by, :f, :t, :note)")
                .param("id", id).param("at", at).param("by", reviewer).param("f", fromStatus).param("t", toStatus)
                .param("note", note).update();
    }

    /** The register lines of the hotspots in scope, by code (no index: a scan of hotspot, some 15 rows in the demo city). */
    public List<Entry> entries(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select h.id, h.code, h.name, h.status, h.listed_on, h.delisted_on, h.responsible_unit, h.measures,
                               t.name as township, h.version, ST_AsGeoJSON(h.geom, 6) as geometry
                          from hotspot h left join township t on t.id = h.township_id
                         where\s""" + IN_SCOPE + " order by h.code"), scope)
                .query((rs, i) -> new Entry(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("status"),
                        rs.getObject("listed_on", LocalDate.class), rs.getObject("delisted_on", LocalDate.class), rs.getString("responsible_unit"),
                        rs.getString("measures"), rs.getString("township"), rs.getLong("version"), rs.getString("geometry")))
                .list();
    }

    /** A hotspot's reviews if it is in scope, newest first (hotspot_review_hotspot (hotspot_id, at)). */
    public List<Review> reviews(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select r.at, r.reviewer, r.from_status, r.to_status, r.note from hotspot_review r join hotspot h on h.id = r.hotspot_id
                         where r.hotspot_id = :id and\s""" + IN_SCOPE + " order by r.at desc, r.id desc"),
                        scope)
                .param("id", id)
                .query((rs, i) -> new Review(rs.getObject("at", OffsetDateTime.class), rs.getString("reviewer"), rs.getString("from_status"),
                        rs.getString("to_status"), rs.getString("note")))
                .list();
    }

    // ---- trends -------------------------------------------------------------------------------------------------

    /** A hotspot as its trend names it. */
    public record Listed(long id, String code, String name, String status, LocalDate listedOn) {}

    /** Every hotspot, by code (no index: a scan of hotspot, some 15 rows in the demo city). */
    public List<Listed> allHotspots() {
        return jdbc.sql("select id, code, name, status, listed_on from hotspot order by code")
                .query((rs, i) -> new Listed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, LocalDate.class))).list();
    }

    /** The cases inside a hotspot reported in a China month. */
    public record MonthCount(long hotspotId, YearMonth month, int cases) {}

    /** Cases inside each hotspot per China month, months {@code first}..{@code last} (gov_case_geom_gist finds each hotspot's cases). */
    public List<MonthCount> casesByMonth(YearMonth first, YearMonth last) {
        return jdbc.sql("""
                        select h.id, to_char(k.reported_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)
                          from hotspot h join gov_case k on ST_Intersects(h.geom, k.geom)
                         where k.reported_at >= :from and k.reported_at < :to group by h.id, month""")
                .param("from", first.atDay(1).atStartOfDay(HotspotDetection.CHINA).toOffsetDateTime())
                .param("to", last.plusMonths(1).atDay(1).atStartOfDay(HotspotDetection.CHINA).toOffsetDateTime())
                .query((rs, i) -> new MonthCount(rs.getLong(1), YearMonth.parse(rs.getString(2)), rs.getInt(3))).list();
    }

    /** The cases inside a hotspot in equal periods before and after its listing. */
    public record BeforeAfter(long hotspotId, int before, int after) {}

    /**
     * Each hotspot's cases in equal periods (up to 180 days, none after {@code today}) before and after its listing,
     * all hotspots in one query (gov_case_geom_gist finds each hotspot's cases).
     */
    public List<BeforeAfter> casesBeforeAndAfterListing(LocalDate today) {
        return jdbc.sql("""
                        with w as (select h.id, h.geom, (h.listed_on::timestamp at time zone 'Asia/Shanghai') as listed,
                                          least(180, greatest(0, cast(:today as date) - h.listed_on)) as days from hotspot h)
                        select w.id, count(k.id) filter (where k.reported_at < w.listed), count(k.id) filter (where k.reported_at >= w.listed)
                          from w left join gov_case k on w.days > 0 and ST_Intersects(w.geom, k.geom)
                               and k.reported_at >= w.listed - make_interval(days => w.days)
                               and k.reported_at < w.listed + make_interval(days => w.days)
                         group by w.id""")
                .param("today", today)
                .query((rs, i) -> new BeforeAfter(rs.getLong(1), rs.getInt(2), rs.getInt(3))).list();
    }

    // ---- detection ----------------------------------------------------------------------------------------------

    /** The selection's condition on gov_case alias {@code k}, with its parameters named :selFrom, :selTo, :selCats, :selT1, :selT2. */
    private static String where(Selection s) {
        StringBuilder sb = new StringBuilder("k.reported_at >= :selFrom and k.reported_at < :selTo");
        if (!s.categories().isEmpty()) sb.append(" and k.category = any (:selCats::text[])");
        if (s.fromTime() != null) {
            String t = "(k.reported_at at time zone 'Asia/Shanghai')::time";
            sb.append(s.fromTime().isBefore(s.toTime()) ? " and " + t + " >= :selT1 and " + t + " < :selT2"
                    : " and (" + t + " >= :selT1 or " + t + " < :selT2)");
        }
        return sb.toString();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Selection s) {
        spec = spec.param("selFrom", s.from().atStartOfDay(HotspotDetection.CHINA).toOffsetDateTime())
                .param("selTo", s.to().plusDays(1).atStartOfDay(HotspotDetection.CHINA).toOffsetDateTime());
        if (!s.categories().isEmpty()) spec = spec.param("selCats", SqlArrays.text(s.categories()));
        if (s.fromTime() != null) spec = spec.param("selT1", s.fromTime()).param("selT2", s.toTime());
        return spec;
    }

    /**
     * DBSCAN clusters of the selected cases in the city's UTM zone, each as a buffered hull with the listed hotspots it meets,
     * largest first (gov_case_reported_at finds the period's cases; hotspot_geom_gist the hotspots a cluster meets).
     */
    public List<Candidate> clusters(Selection selection, double epsMetres, int minPoints) {
        return bind(jdbc.sql("""
                        with utm as (select 32600 + floor((ST_X(ST_Centroid(ST_Extent(geom))) + 180) / 6)::int + 1 as srid from township),
                        pts as (select k.id, ST_Transform(k.geom, (select srid from utm)) as g from gov_case k where %s),
                        clustered as (select g, ST_ClusterDBSCAN(g, eps => :eps, minpoints => :min) over () as cid from pts),
                        areas as (select cid, count(*) as n, ST_Buffer(ST_ConvexHull(ST_Collect(g)), :eps / 2) as area
                                    from clustered where cid is not null group by cid)
                        select a.cid, a.n, ST_AsGeoJSON(ST_Transform(a.area, 4326), 6) as geometry, ST_Area(a.area) as m2,
                               ST_X(ST_Transform(ST_Centroid(a.area), 4326)) as lon, ST_Y(ST_Transform(ST_Centroid(a.area), 4326)) as lat,
                               array(select h.code from hotspot h where h.status <> 'DELISTED'
                                        and ST_Intersects(h.geom, ST_Transform(a.area, 4326)) order by h.code) as listed
                          from areas a order by a.n desc, a.cid""".formatted(where(selection))), selection)
                .param("eps", epsMetres).param("min", minPoints)
                .query((rs, i) -> new Candidate(rs.getInt("cid"), rs.getInt("n"), rs.getString("geometry"), rs.getDouble("m2"),
                        rs.getDouble("lon"), rs.getDouble("lat"), Arrays.asList((String[]) rs.getArray("listed").getArray())))
                .list();
    }

    /**
     * Every grid cell's selected cases and Gi* z-score (touching cells and itself as neighbours), by code
     * (gov_case_reported_at finds the period's cases; grid_cell_geom_gist the neighbours).
     */
    public List<CellScore> giStar(Selection selection) {
        return bind(jdbc.sql("""
                        with counts as (
                            select c.id, c.code, coalesce(k.n, 0) as x
                              from grid_cell c left join (select k.grid_cell_id, count(*) as n from gov_case k where %s group by 1) k
                                on k.grid_cell_id = c.id),
                        stats as (select count(*)::float8 as n, avg(x)::float8 as mean,
                                         sqrt(greatest(avg(x::float8 * x) - avg(x::float8) ^ 2, 0)) as s from counts),
                        sums as (select n.a as id, sum(b.x)::float8 as wx, count(*)::float8 as w
                                   from (select a.id as a, b.id as b from grid_cell a join grid_cell b on ST_Intersects(a.geom, b.geom)) n
                                   join counts b on b.id = n.b group by n.a)
                        select a.id, a.code, a.x,
                               case when st.s = 0 then 0
                                    else (u.wx - st.mean * u.w) / (st.s * sqrt((st.n * u.w - u.w * u.w) / (st.n - 1))) end as z
                          from counts a join sums u on u.id = a.id cross join stats st order by a.code""".formatted(where(selection))), selection)
                .query((rs, i) -> new CellScore(rs.getLong("id"), rs.getString("code"), rs.getInt("x"), rs.getDouble("z"))).list();
    }

    /**
     * The Prediction Accuracy Index of the areas (a GeoJSON GeometryCollection) on the selected cases: their share of the
     * cases over their share of the city's area (gov_case_reported_at finds the period's cases; the townships are unioned whole).
     */
    public double predictionAccuracy(String areasCollection, Selection later) {
        return bind(jdbc.sql("""
                        with areas as (select ST_UnaryUnion(ST_SetSRID(ST_GeomFromGeoJSON(:areas), 4326)) as g),
                             city as (select ST_Union(geom) as g from township),
                             hits as (select count(*) filter (where ST_Intersects(k.geom, (select g from areas)))::float8 as inside,
                                             count(*)::float8 as total from gov_case k where %s)
                        select case when hits.total = 0 then 0
                                    else (hits.inside / hits.total)
                                         / (ST_Area(ST_Intersection((select g from areas), city.g)::geography) / ST_Area(city.g::geography)) end
                          from hits, city""".formatted(where(later))), later)
                .param("areas", areasCollection).query(Double.class).single();
    }

    /**
     * The quartic kernel density of the selected cases at the centres of squares {@code sizeMetres} wide in the city's UTM zone,
     * the squares with some density, lightest first (gov_case_reported_at finds the period's cases; the rest is arithmetic).
     */
    public List<DensityCell> density(Selection selection, double sizeMetres, double bandwidthMetres) {
        return bind(jdbc.sql("""
                        with utm as (select 32600 + floor((ST_X(ST_Centroid(ST_Extent(geom))) + 180) / 6)::int + 1 as srid from township),
                        pts as (select ST_Transform(k.geom, (select srid from utm)) as g from gov_case k where %s),
                        bins as (select round(ST_X(g) / :bin) * :bin as x, round(ST_Y(g) / :bin) * :bin as y, count(*) as n from pts group by 1, 2),
                        dens as (select i, j, sum(b.n * (1 - d.r2 / (:bw * :bw)) ^ 2) as k
                                   from bins b
                                   cross join generate_series(floor((b.x - :bw) / :size)::int, floor((b.x + :bw) / :size)::int) i
                                   cross join generate_series(floor((b.y - :bw) / :size)::int, floor((b.y + :bw) / :size)::int) j
                                   cross join lateral (select ((i + 0.5) * :size - b.x) ^ 2 + ((j + 0.5) * :size - b.y) ^ 2 as r2) d
                                  where d.r2 < :bw * :bw group by i, j)
                        select ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(i * :size, j * :size, (i + 1) * :size, (j + 1) * :size, u.srid), 4326), 6) as geometry,
                               k * 3 / (pi() * (:bw / 1000.0) ^ 2) as per_km2
                          from dens, utm u order by per_km2""".formatted(where(selection))), selection)
                .param("size", sizeMetres).param("bw", bandwidthMetres).param("bin", sizeMetres / 5)
                .query((rs, i) -> new DensityCell(rs.getString("geometry"), rs.getDouble("per_km2"))).list();
    }
}
