package com.gridcommand.democity;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The city's administrative partition: grid cells that tile communities that tile townships that
 * tile the city, exactly. Cells are Voronoi regions of density-weighted seeds with gently wiggled
 * edges (real boundaries follow streams and lanes); all linework is noded once on a 1e-7° grid and
 * polygonised, so neighbours share identical vertices and every union is exact.
 */
final class CityPartition {

    /** 1e-7 degrees, about a centimetre: every coordinate of the demo city lies on this grid. */
    static final PrecisionModel PRECISION = new PrecisionModel(1e7);
    static final GeometryFactory LONLAT = new GeometryFactory(PRECISION, 4326);
    private static final GeometryFactory METRIC = new GeometryFactory();

    static final int CELL_COUNT = 400;
    static final int COMMUNITY_COUNT = 40;

    record Seat(Coordinate metres, String kind, double radius) {}

    record Cell(Coordinate seedMetres, Polygon polygon, int community) {}

    record Community(Polygon polygon, int township, boolean urban) {}

    record Township(Polygon polygon, Seat seat) {}

    final LocalPlane plane;
    final Polygon boundary;
    final Polygon boundaryMetres;
    final List<Seat> seats;
    final List<Cell> cells;
    final List<Community> communities;
    final List<Township> townships;

    private CityPartition(LocalPlane plane, Polygon boundary, Polygon boundaryMetres, List<Seat> seats,
                          List<Cell> cells, List<Community> communities, List<Township> townships) {
        this.plane = plane;
        this.boundary = boundary;
        this.boundaryMetres = boundaryMetres;
        this.seats = seats;
        this.cells = cells;
        this.communities = communities;
        this.townships = townships;
    }

    /** People per unit area, relative: a dense old town at the centre and four smaller town seats. */
    static double density(List<Seat> seats, Coordinate p) {
        double d = 0.15;
        for (Seat seat : seats) {
            double dx = p.x - seat.metres().x, dy = p.y - seat.metres().y;
            double weight = seat.kind().equals("STREET") ? 6.0 : 2.5;
            d += weight * StrictMath.exp(-(dx * dx + dy * dy) / (2 * seat.radius() * seat.radius()));
        }
        return d;
    }

    double density(Coordinate metres) {
        return density(seats, metres);
    }

    static CityPartition generate(long seed, LocalPlane plane) {
        Polygon boundaryMetres = boundary(DemoRandom.of(seed, "boundary"));
        List<Seat> seats = seats(DemoRandom.of(seed, "seats"));
        List<Coordinate> seeds = cellSeeds(DemoRandom.of(seed, "cell-seeds"), boundaryMetres, seats);

        // Voronoi edges, wiggled, plus the city outline: noded together on the 1e-7° grid.
        var voronoi = new VoronoiDiagramBuilder();
        voronoi.setSites(seeds);
        Envelope clip = new Envelope(boundaryMetres.getEnvelopeInternal());
        clip.expandBy(3000);
        voronoi.setClipEnvelope(clip);
        Geometry diagram = voronoi.getDiagram(METRIC);
        Map<EdgeKey, LineString> edges = new LinkedHashMap<>();
        for (int i = 0; i < diagram.getNumGeometries(); i++) {
            Coordinate[] ring = ((Polygon) diagram.getGeometryN(i)).getExteriorRing().getCoordinates();
            for (int j = 0; j + 1 < ring.length; j++) {
                if (ring[j].equals2D(ring[j + 1])) continue;
                EdgeKey key = EdgeKey.of(ring[j], ring[j + 1]);
                edges.computeIfAbsent(key, k -> wiggle(seed, k));
            }
        }
        List<Geometry> lines = new ArrayList<>();
        for (LineString edge : edges.values()) lines.add(plane.toLonLat(edge));
        Polygon outline = (Polygon) plane.toLonLat(boundaryMetres);
        lines.add(outline.getExteriorRing());
        Geometry noded = UnaryUnionNG.union(lines, LONLAT, PRECISION);
        var polygonizer = new Polygonizer();
        polygonizer.add(noded);

        List<Polygon> faces = new ArrayList<>();
        for (Object face : polygonizer.getPolygons()) {
            Polygon polygon = (Polygon) face;
            if (outline.contains(polygon.getInteriorPoint())) faces.add(polygon);
        }
        faces.sort(Comparator.comparing(f -> f.getInteriorPoint().getCoordinate()));

        // Each face belongs to the seed nearest its interior (the Voronoi rule); then make cells contiguous.
        int[] seedOfFace = new int[faces.size()];
        for (int f = 0; f < faces.size(); f++) {
            seedOfFace[f] = nearest(seeds, plane.toMetres(faces.get(f).getInteriorPoint().getCoordinate()));
        }
        makeContiguous(faces, seedOfFace, seeds.size());
        List<Coordinate> cellSeeds = new ArrayList<>();
        List<Polygon> cellPolygons = new ArrayList<>();
        for (int s = 0; s < seeds.size(); s++) {
            Geometry cell = union(faces, seedOfFace, s);
            if (cell == null) continue;
            cellSeeds.add(seeds.get(s));
            cellPolygons.add((Polygon) cell);
        }

        // Communities: k-means over the cell seeds, so dense areas get small communities.
        int[] communityOfCell = kMeans(DemoRandom.of(seed, "communities"), cellSeeds, COMMUNITY_COUNT);
        makeContiguous(cellPolygons, communityOfCell, COMMUNITY_COUNT);
        List<Polygon> communityPolygons = new ArrayList<>();
        int[] communityIndex = new int[COMMUNITY_COUNT];
        for (int c = 0; c < COMMUNITY_COUNT; c++) {
            Geometry community = union(cellPolygons, communityOfCell, c);
            communityIndex[c] = community == null ? -1 : communityPolygons.size();
            if (community != null) communityPolygons.add((Polygon) community);
        }

        // Townships: each community goes to the nearest seat; again contiguous.
        int[] townshipOfCommunity = new int[communityPolygons.size()];
        for (int c = 0; c < communityPolygons.size(); c++) {
            Coordinate centre = plane.toMetres(communityPolygons.get(c).getInteriorPoint().getCoordinate());
            townshipOfCommunity[c] = nearestSeat(seats, centre);
        }
        makeContiguous(communityPolygons, townshipOfCommunity, seats.size());

        List<Township> townships = new ArrayList<>();
        for (int t = 0; t < seats.size(); t++) {
            townships.add(new Township((Polygon) union(communityPolygons, townshipOfCommunity, t), seats.get(t)));
        }
        List<Community> communities = new ArrayList<>();
        for (int c = 0; c < communityPolygons.size(); c++) {
            Coordinate centre = plane.toMetres(communityPolygons.get(c).getInteriorPoint().getCoordinate());
            Seat seat = seats.get(townshipOfCommunity[c]);
            double distance = centre.distance(seat.metres());
            boolean urban = distance < (seat.kind().equals("STREET") ? 2600 : 900);
            communities.add(new Community(communityPolygons.get(c), townshipOfCommunity[c], urban));
        }
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < cellPolygons.size(); i++) {
            cells.add(new Cell(cellSeeds.get(i), cellPolygons.get(i), communityIndex[communityOfCell[i]]));
        }
        return new CityPartition(plane, (Polygon) CoverageUnion.union(townships.stream()
                .map(Township::polygon).toArray(Geometry[]::new)), boundaryMetres, seats, cells, communities, townships);
    }

    /** A star-shaped outline: an ellipse roughened by a few harmonics, like a county boundary. */
    private static Polygon boundary(DemoRandom random) {
        double[] phase = {random.uniform(0, 6.3), random.uniform(0, 6.3), random.uniform(0, 6.3), random.uniform(0, 6.3)};
        int n = 720;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double theta = 2 * StrictMath.PI * i / n;
            double a = 12_500, b = 9_500;
            double r = a * b / StrictMath.sqrt(sq(b * StrictMath.cos(theta)) + sq(a * StrictMath.sin(theta)));
            r *= 1 + 0.08 * StrictMath.sin(3 * theta + phase[0]) + 0.05 * StrictMath.sin(5 * theta + phase[1])
                    + 0.03 * StrictMath.sin(11 * theta + phase[2]) + 0.012 * StrictMath.sin(29 * theta + phase[3]);
            ring[i] = new Coordinate(r * StrictMath.cos(theta), r * StrictMath.sin(theta));
        }
        ring[n] = ring[0];
        return METRIC.createPolygon(ring);
    }

    /** The old town at the centre (a street office) and four outlying seats: three towns and a township. */
    private static List<Seat> seats(DemoRandom random) {
        List<Seat> seats = new ArrayList<>();
        seats.add(new Seat(new Coordinate(0, 0), "STREET", 2200));
        double[] angles = {20, 110, 200, 290};
        String[] kinds = {"TOWN", "TOWN", "TOWN", "TOWNSHIP"};
        for (int i = 0; i < angles.length; i++) {
            double theta = StrictMath.toRadians(angles[i] + random.uniform(-12, 12));
            double r = random.uniform(6_000, 7_000);
            seats.add(new Seat(new Coordinate(1.25 * r * StrictMath.cos(theta), r * StrictMath.sin(theta)),
                    kinds[i], random.uniform(1000, 1400)));
        }
        return seats;
    }

    /** Mitchell's best candidate, with distances scaled by density: small cells where people live densely. */
    private static List<Coordinate> cellSeeds(DemoRandom random, Polygon boundary, List<Seat> seats) {
        Envelope env = boundary.getEnvelopeInternal();
        Polygon inner = (Polygon) boundary.buffer(-150);
        List<Coordinate> seeds = new ArrayList<>();
        while (seeds.size() < CELL_COUNT) {
            Coordinate best = null;
            double bestScore = -1;
            for (int k = 0; k < 12; k++) {
                Coordinate c;
                do {
                    c = new Coordinate(random.uniform(env.getMinX(), env.getMaxX()), random.uniform(env.getMinY(), env.getMaxY()));
                } while (!inner.contains(METRIC.createPoint(c)));
                double nearest = Double.MAX_VALUE;
                for (Coordinate s : seeds) nearest = Math.min(nearest, s.distance(c));
                double score = nearest * StrictMath.sqrt(density(seats, c));
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            seeds.add(best);
        }
        return seeds;
    }

    private record EdgeKey(Coordinate a, Coordinate b) {
        static EdgeKey of(Coordinate p, Coordinate q) {
            return p.compareTo(q) <= 0 ? new EdgeKey(p, q) : new EdgeKey(q, p);
        }

        long hash() {
            return Double.doubleToLongBits(a.x) * 31 + Double.doubleToLongBits(a.y) * 17
                    + Double.doubleToLongBits(b.x) * 13 + Double.doubleToLongBits(b.y);
        }
    }

    /** Midpoint displacement keyed by the edge itself, so both neighbours see the same line. */
    private static LineString wiggle(long seed, EdgeKey edge) {
        double length = edge.a().distance(edge.b());
        if (length < 60) return METRIC.createLineString(new Coordinate[]{edge.a(), edge.b()});
        DemoRandom random = new DemoRandom(seed ^ edge.hash());
        List<Coordinate> points = new ArrayList<>();
        points.add(edge.a());
        displace(random, edge.a(), edge.b(), 0.04 * length, 3, points);
        points.add(edge.b());
        return METRIC.createLineString(points.toArray(Coordinate[]::new));
    }

    private static void displace(DemoRandom random, Coordinate a, Coordinate b, double amplitude, int depth, List<Coordinate> out) {
        if (depth == 0) return;
        double dx = b.x - a.x, dy = b.y - a.y, len = StrictMath.sqrt(dx * dx + dy * dy);
        double offset = random.uniform(-amplitude, amplitude);
        Coordinate mid = new Coordinate((a.x + b.x) / 2 - dy / len * offset, (a.y + b.y) / 2 + dx / len * offset);
        displace(random, a, mid, amplitude / 2, depth - 1, out);
        out.add(mid);
        displace(random, mid, b, amplitude / 2, depth - 1, out);
    }

    private static int nearest(List<Coordinate> points, Coordinate p) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < points.size(); i++) {
            double d = points.get(i).distance(p);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    private static int nearestSeat(List<Seat> seats, Coordinate p) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < seats.size(); i++) {
            // Distances to the old town count less: it is the bigger place and draws a wider area.
            double d = seats.get(i).metres().distance(p) * (seats.get(i).kind().equals("STREET") ? 0.8 : 1.0);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * Lloyd's k-means with k-means++ seeding, balanced: a cluster that grows past the average size
     * gets a heavier distance weight, so communities hold similar numbers of cells.
     */
    private static int[] kMeans(DemoRandom random, List<Coordinate> points, int k) {
        List<Coordinate> centres = new ArrayList<>();
        centres.add(points.get(random.between(0, points.size() - 1)));
        while (centres.size() < k) {
            double[] weights = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                double d = points.get(i).distance(centres.get(nearest(centres, points.get(i))));
                weights[i] = d * d;
            }
            centres.add(points.get(random.weighted(weights)));
        }
        double target = (double) points.size() / k;
        double[] weight = new double[k];
        java.util.Arrays.fill(weight, 1.0);
        int[] cluster = new int[points.size()];
        for (int iteration = 0; iteration < 80; iteration++) {
            int[] size = new int[k];
            for (int i = 0; i < points.size(); i++) {
                int best = 0;
                double bestCost = Double.MAX_VALUE;
                for (int c = 0; c < k; c++) {
                    double cost = points.get(i).distance(centres.get(c)) * weight[c];
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = c;
                    }
                }
                cluster[i] = best;
                size[best]++;
            }
            for (int c = 0; c < k; c++) {
                double sx = 0, sy = 0;
                for (int i = 0; i < points.size(); i++) {
                    if (cluster[i] != c) continue;
                    sx += points.get(i).x;
                    sy += points.get(i).y;
                }
                if (size[c] > 0) centres.set(c, new Coordinate(sx / size[c], sy / size[c]));
                weight[c] *= StrictMath.pow(Math.max(size[c], 1) / target, 0.15);
            }
        }
        return cluster;
    }

    /** The exact union of the pieces assigned to one unit, or null when it has none. */
    private static Geometry union(List<Polygon> pieces, int[] unitOf, int unit) {
        List<Geometry> members = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) if (unitOf[i] == unit) members.add(pieces.get(i));
        if (members.isEmpty()) return null;
        Geometry union = CoverageUnion.union(members.toArray(Geometry[]::new));
        if (!(union instanceof Polygon)) throw new IllegalStateException("unit " + unit + " is not one polygon: " + union.getGeometryType());
        return union;
    }

    /**
     * Moves pieces that sit apart from the main body of their unit to the neighbouring unit they share
     * the longest border with, until every unit is one connected polygon.
     */
    private static void makeContiguous(List<Polygon> pieces, int[] unitOf, int units) {
        STRtree index = new STRtree();
        for (int i = 0; i < pieces.size(); i++) index.insert(pieces.get(i).getEnvelopeInternal(), i);
        for (int round = 0; round < 100; round++) {
            boolean changed = false;
            for (int u = 0; u < units; u++) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < pieces.size(); i++) if (unitOf[i] == u) members.add(i);
                if (members.isEmpty()) continue;
                Geometry union = CoverageUnion.union(members.stream().map(pieces::get).toArray(Geometry[]::new));
                if (union.getNumGeometries() <= 1) continue;
                Geometry largest = union.getGeometryN(0);
                for (int g = 1; g < union.getNumGeometries(); g++) {
                    if (union.getGeometryN(g).getArea() > largest.getArea()) largest = union.getGeometryN(g);
                }
                for (int m : members) {
                    Point inside = pieces.get(m).getInteriorPoint();
                    if (largest.covers(inside)) continue;
                    int target = longestBorderNeighbour(pieces, unitOf, index, m);
                    if (target >= 0) {
                        unitOf[m] = target;
                        changed = true;
                    }
                }
            }
            if (!changed) return;
        }
        throw new IllegalStateException("could not make units contiguous");
    }

    @SuppressWarnings("unchecked")
    private static int longestBorderNeighbour(List<Polygon> pieces, int[] unitOf, STRtree index, int piece) {
        Geometry border = pieces.get(piece).getBoundary();
        Map<Integer, Double> shared = new LinkedHashMap<>();
        for (int other : (List<Integer>) index.query(pieces.get(piece).getEnvelopeInternal())) {
            if (other == piece || unitOf[other] == unitOf[piece]) continue;
            double length = border.intersection(pieces.get(other).getBoundary()).getLength();
            if (length > 0) shared.merge(unitOf[other], length, Double::sum);
        }
        return shared.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
    }

    private static double sq(double v) {
        return v * v;
    }
}
