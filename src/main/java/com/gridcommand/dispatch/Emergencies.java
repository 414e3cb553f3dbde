package com.gridcommand.dispatch;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.dispatch.internal.DispatchQueries;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
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

    private final DispatchQueries queries;
    private final CurrentUser current;
    private final Clock clock;
    private final NearestResponders nearest;
    private final TravelTimes travelTimes;

    Emergencies(DispatchQueries queries, CurrentUser current, Clock clock, NearestResponders nearest, TravelTimes travelTimes) {
        this.queries = queries;
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
        long township = queries.townshipOfCellAt(lon, lat, current.scope())
                .orElseThrow(() -> new ProblemException("problem.emergency.outside", "the point is not on a grid cell of your areas"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = queries.insertEmergency(kind, level, title.trim(), lon, lat, township, user.username(), now);
        // Township leaders always; the city's for levels I and II (and when the township has none).
        queries.callLeaders(id, now, township, level);
        return id;
    }

    @Transactional(readOnly = true)
    public List<Emergency> active() {
        return queries.activeEmergencies(current.scope());
    }

    @Transactional(readOnly = true)
    public Optional<Situation> situation(long id) {
        Optional<Emergency> found = queries.emergency(id, current.scope());
        if (found.isEmpty()) return Optional.empty();
        Emergency e = found.get();
        List<Ring> rings = RINGS.stream().map(m -> queries.ring(id, m)).toList();
        List<Place> places = queries.keyPlacesNear(id, RINGS.getLast());
        List<Candidate> units = nearest.nearestWithTravel(e.lon(), e.lat(), 8, CandidateFilter.ANY, 8);
        List<CheckItem> checklist = queries.checklist(id, e.kind());
        List<DispatchQueries.CalledLeader> rows = queries.calledLeaders(id);
        List<DispatchQueries.CalledLeader> placed = rows.stream().filter(r -> r.lon() != null).toList();
        List<TravelTime> times = travelTimes.toTarget(placed.stream().map(r -> new TravelTimes.Point(r.lon(), r.lat())).toList(),
                new TravelTimes.Point(e.lon(), e.lat()));
        List<Leader> leaders = rows.stream().map(r -> new Leader(r.user(), r.name(), r.status(), r.lon(), r.lat(), r.metres(),
                placed.contains(r) ? times.get(placed.indexOf(r)) : null)).toList();
        return Optional.of(new Situation(e, rings, places, units, checklist, leaders));
    }

    /** The rings around an emergency as GeoJSON polygons, innermost first (true metres: buffered as geography). */
    @Transactional(readOnly = true)
    public List<String> rings(long id) {
        return RINGS.stream().map(m -> queries.ringOutline(id, m)).toList();
    }

    /** Refuses an emergency outside the caller's areas (without building its whole situation). */
    private void requireInScope(long id) {
        if (!queries.emergencyInScope(id, current.scope())) throw new CurrentUser.AccessDeniedException("that emergency is outside your areas");
    }

    /** Ticks an item of the checklist as done (once; the first to tick it is recorded). */
    public void check(long id, int itemNo) {
        current.require(Role.COMMAND, Role.DISPATCHER, Role.LEADER);
        requireInScope(id);
        queries.tick(id, itemNo, current.actor(), OffsetDateTime.now(clock));
    }

    /** A called leader says they are on the way, or have arrived. */
    public void leaderStatus(long id, String status) {
        GridUser user = current.require(Role.LEADER);
        if (!Set.of("ON_THE_WAY", "ARRIVED").contains(status)) throw new ProblemException("problem.emergency.leaderStatus", "a leader is ON_THE_WAY or ARRIVED");
        int rows = queries.setLeaderStatus(id, user.id(), status, OffsetDateTime.now(clock));
        if (rows == 0) throw new CurrentUser.AccessDeniedException("you were not called to this emergency");
    }

    public void end(long id) {
        current.require(Role.COMMAND, Role.DISPATCHER, Role.LEADER);
        requireInScope(id);
        queries.endEmergency(id, OffsetDateTime.now(clock), current.actor());
    }
}
