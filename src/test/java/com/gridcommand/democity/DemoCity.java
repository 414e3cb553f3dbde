package com.gridcommand.democity;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The named demo city: the partition with codes and names, the roads, and helpers every layer uses. */
final class DemoCity {

    static final String COUNTY_CODE = "331099";
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    record Township(int index, String code, String name, String stem, String kind, Polygon polygon, Coordinate seat) {}

    record Community(int index, String code, String name, String stem, boolean urban, Township township,
                     Polygon polygon, Coordinate centre) {}

    record Cell(int index, String code, String name, Community community, Polygon polygon, Coordinate seed,
                int households, String gridWorker, String gridWorkerPhone) {}

    final long seed;
    final LocalDate anchor;
    final LocalPlane plane;
    final CityPartition partition;
    final Names names;
    final List<Township> townships = new ArrayList<>();
    final List<Community> communities = new ArrayList<>();
    final List<Cell> cells = new ArrayList<>();
    RoadNetwork roads;

    DemoCity(long seed, LocalDate anchor, LocalPlane plane) {
        this.seed = seed;
        this.anchor = anchor;
        this.plane = plane;
        this.partition = CityPartition.generate(seed, plane);
        this.names = new Names(DemoRandom.of(seed, "names"));
        nameTheHierarchy();
        List<String> seatStems = townships.stream().map(Township::stem).toList();
        List<String> communityStems = new ArrayList<>();
        for (int i = 0; i < partition.communities.size(); i++) communityStems.add(null);
        for (Community c : communities) communityStems.set(c.index(), c.stem());
        this.roads = RoadNetwork.generate(seed, partition, seatStems, communityStems, names);
    }

    private void nameTheHierarchy() {
        String[] townStems = {"青溪", "云岭", "白沙"};
        int towns = 0;
        for (int t = 0; t < partition.townships.size(); t++) {
            CityPartition.Township township = partition.townships.get(t);
            String kind = township.seat().kind();
            String stem, suffix, serial;
            switch (kind) {
                case "STREET" -> { stem = "城关"; suffix = "街道"; serial = "001"; }
                case "TOWN" -> { stem = townStems[towns]; suffix = "镇"; serial = "10" + (++towns); }
                default -> { stem = "龙潭"; suffix = "乡"; serial = "201"; }
            }
            Coordinate seat = plane.toLonLat(township.seat().metres().x, township.seat().metres().y);
            townships.add(new Township(t, COUNTY_CODE + serial + "000", stem + suffix, stem, kind, township.polygon(), seat));
        }

        DemoRandom random = DemoRandom.of(seed, "hierarchy");
        for (Township township : townships) {
            List<Integer> members = new ArrayList<>();
            for (int c = 0; c < partition.communities.size(); c++) {
                if (partition.communities.get(c).township() == township.index()) members.add(c);
            }
            members.sort(readingOrder(c -> partition.communities.get(c).polygon().getInteriorPoint(), 2_000));
            int urbanSerial = 1, villageSerial = 201;
            for (int c : members) {
                CityPartition.Community community = partition.communities.get(c);
                boolean urban = community.urban();
                String stem = urban ? names.urbanStem() : names.villageStem();
                String code = township.code().substring(0, 9) + String.format("%03d", urban ? urbanSerial++ : villageSerial++);
                communities.add(new Community(c, code, stem + (urban ? "社区" : "村"), stem, urban, township,
                        community.polygon(), community.polygon().getInteriorPoint().getCoordinate()));
            }
        }
        communities.sort(Comparator.comparing(Community::code));

        for (Community community : communities) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < partition.cells.size(); i++) {
                if (partition.cells.get(i).community() == community.index()) members.add(i);
            }
            members.sort(readingOrder(i -> partition.cells.get(i).polygon().getInteriorPoint(), 600));
            int serial = 1;
            for (int i : members) {
                CityPartition.Cell cell = partition.cells.get(i);
                double density = partition.density(cell.seedMetres());
                int households = (int) Math.round(Math.min(900, 160 + 70 * density + random.uniform(-40, 60)));
                Coordinate seed = plane.toLonLat(cell.seedMetres().x, cell.seedMetres().y);
                cells.add(new Cell(i, community.code() + String.format("%03d", serial), community.name() + "第" + serial + "网格",
                        community, cell.polygon(), seed, households, names.person(), names.phone()));
                serial++;
            }
        }
    }

    /** North to south in bands, west to east within a band: how cells and communities are numbered. */
    private <T> Comparator<T> readingOrder(Function<T, Point> where, double bandMetres) {
        return Comparator.<T>comparingLong(t -> -Math.round(plane.toMetres(where.apply(t).getCoordinate()).y / bandMetres))
                .thenComparingDouble(t -> where.apply(t).getX());
    }

    Township township(String code) {
        return townships.stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
    }

    Cell cellAt(Coordinate lonLat) {
        Point p = CityPartition.LONLAT.createPoint(lonLat);
        for (Cell cell : cells) if (cell.polygon().covers(p)) return cell;
        return null;
    }

    boolean inCity(Coordinate lonLat) {
        return partition.boundary.contains(CityPartition.LONLAT.createPoint(lonLat));
    }

    /** A uniformly random point inside a polygon, on the 1e-7° grid. */
    Coordinate randomPointIn(DemoRandom random, Polygon polygon) {
        Envelope env = polygon.getEnvelopeInternal();
        for (;;) {
            Coordinate c = precise(new Coordinate(random.uniform(env.getMinX(), env.getMaxX()), random.uniform(env.getMinY(), env.getMaxY())));
            if (polygon.contains(CityPartition.LONLAT.createPoint(c))) return c;
        }
    }

    /** A point offset from another by a distance (metres) and bearing (degrees from north). */
    Coordinate offset(Coordinate lonLat, double metres, double bearingDeg) {
        Coordinate m = plane.toMetres(lonLat);
        double b = StrictMath.toRadians(bearingDeg);
        Coordinate moved = plane.toLonLat(m.x + metres * StrictMath.sin(b), m.y + metres * StrictMath.cos(b));
        return precise(moved);
    }

    double metresBetween(Coordinate a, Coordinate b) {
        return plane.toMetres(a).distance(plane.toMetres(b));
    }

    /** Bearing in degrees clockwise from north, from a to b. */
    double bearing(Coordinate from, Coordinate to) {
        Coordinate a = plane.toMetres(from), b = plane.toMetres(to);
        double deg = StrictMath.toDegrees(StrictMath.atan2(b.x - a.x, b.y - a.y));
        return deg < 0 ? deg + 360 : deg;
    }

    static Coordinate precise(Coordinate c) {
        return new Coordinate(CityPartition.PRECISION.makePrecise(c.x), CityPartition.PRECISION.makePrecise(c.y));
    }
}
