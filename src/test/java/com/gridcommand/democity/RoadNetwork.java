package com.gridcommand.democity;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.triangulate.DelaunayTriangulationBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The demo city's roads: arterials from the old town to each seat and a ring road, secondary roads
 * linking the communities (a spanning tree plus shortcuts), street grids in the towns and a lane to
 * every village. Everything is noded at junctions, so segments run junction to junction, as
 * pgRouting expects; only the largest connected part is kept.
 */
final class RoadNetwork {

    private static final GeometryFactory METRIC = new GeometryFactory();
    private static final List<String> CLASS_ORDER = List.of("LOCAL", "SECONDARY", "ARTERIAL");

    record Road(String name, String roadClass, int speedKmh, boolean oneway, Geometry lonLat) {}

    record Segment(String name, String roadClass, int speedKmh, boolean oneway, LineString lonLat,
                   int source, int target, double lengthMetres) {}

    final List<Segment> segments;
    final List<Coordinate> nodes;
    private final LocalPlane plane;
    private final List<List<int[]>> adjacency;

    private RoadNetwork(LocalPlane plane, List<Segment> segments, List<Coordinate> nodes) {
        this.plane = plane;
        this.segments = segments;
        this.nodes = nodes;
        this.adjacency = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) adjacency.add(new ArrayList<>());
        for (int s = 0; s < segments.size(); s++) {
            adjacency.get(segments.get(s).source()).add(new int[]{s, segments.get(s).target()});
            adjacency.get(segments.get(s).target()).add(new int[]{s, segments.get(s).source()});
        }
    }

    static RoadNetwork generate(long seed, CityPartition city, List<String> seatNames, List<String> communityStems, Names names) {
        LocalPlane plane = city.plane;
        DemoRandom random = DemoRandom.of(seed, "roads");
        List<Road> roads = new ArrayList<>();

        // Arterials: a ring round the old town, radials out through each seat, one east-west expressway.
        roads.add(road(plane, "环城路", "ARTERIAL", 50, ring(random, 2_900, 140)));
        CityPartition.Seat centre = city.seats.get(0);
        for (int i = 1; i < city.seats.size(); i++) {
            Coordinate seat = city.seats.get(i).metres();
            double dx = seat.x - centre.metres().x, dy = seat.y - centre.metres().y, d = StrictMath.hypot(dx, dy);
            Coordinate far = new Coordinate(seat.x + dx / d * 9_000, seat.y + dy / d * 9_000);
            roads.add(road(plane, seatNames.get(i) + "大道", "ARTERIAL", 60, sinuous(random, centre.metres(), far, 260)));
        }
        roads.add(road(plane, "东西快速路", "ARTERIAL", 80,
                sinuous(random, new Coordinate(-16_000, 1_800), new Coordinate(16_000, -900), 400)));

        // Secondary roads between community centres: a minimum spanning tree plus the shorter shortcuts.
        List<Coordinate> centres = new ArrayList<>();
        for (CityPartition.Community community : city.communities) {
            centres.add(plane.toMetres(community.polygon().getInteriorPoint().getCoordinate()));
        }
        for (int[] edge : communityLinks(centres)) {
            String name = communityStems.get(edge[0]) + communityStems.get(edge[1]) + "线";
            roads.add(road(plane, name, "SECONDARY", 40, sinuous(random, centres.get(edge[0]), centres.get(edge[1]), 120)));
        }

        // Street grids in the old town and the towns.
        for (CityPartition.Seat seat : city.seats) {
            boolean oldTown = seat.kind().equals("STREET");
            double radius = oldTown ? 2_500 : 950, spacing = oldTown ? 330 : 270;
            double angle = random.uniform(0, StrictMath.PI / 2);
            for (int direction = 0; direction < 2; direction++) {
                double theta = angle + direction * StrictMath.PI / 2;
                double ux = StrictMath.cos(theta), uy = StrictMath.sin(theta);
                for (double offset = -radius + spacing / 2; offset < radius; offset += spacing) {
                    double o = offset + random.uniform(-40, 40);
                    double half = StrictMath.sqrt(radius * radius - o * o);
                    if (half < 150) continue;
                    Coordinate mid = new Coordinate(seat.metres().x - uy * o, seat.metres().y + ux * o);
                    LineString street = METRIC.createLineString(new Coordinate[]{
                            new Coordinate(mid.x - ux * half, mid.y - uy * half), new Coordinate(mid.x + ux * half, mid.y + uy * half)});
                    roads.add(road(plane, names.streetWord() + (direction == 0 ? "路" : "街"), "LOCAL", 30, street));
                }
            }
        }

        // A lane from every village centre (cell seed) to the nearest road.
        Geometry network = plane.toMetres(METRIC.buildGeometry(roads.stream().map(Road::lonLat).toList()));
        for (CityPartition.Cell cell : city.cells) {
            Coordinate[] nearest = DistanceOp.nearestPoints(METRIC.createPoint(cell.seedMetres()), network);
            if (nearest[0].distance(nearest[1]) < 200) continue;
            LineString lane = METRIC.createLineString(new Coordinate[]{cell.seedMetres(), nearest[1]});
            roads.add(road(plane, communityStems.get(cell.community()) + "村道", "LOCAL", 30, lane));
        }
        return node(plane, city, roads);
    }

    private static Road road(LocalPlane plane, String name, String roadClass, int speed, LineString metres) {
        return new Road(name, roadClass, speed, false, plane.toLonLat(metres));
    }

    private static LineString ring(DemoRandom random, double radius, double amplitude) {
        double phase = random.uniform(0, 6.3);
        int n = 96;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double t = 2 * StrictMath.PI * i / n;
            double r = radius + amplitude * StrictMath.sin(3 * t + phase);
            ring[i] = new Coordinate(1.15 * r * StrictMath.cos(t), r * StrictMath.sin(t));
        }
        ring[n] = ring[0];
        return METRIC.createLineString(ring);
    }

    /** A road from a to b that bends gently, sampled every 150 m. */
    private static LineString sinuous(DemoRandom random, Coordinate a, Coordinate b, double amplitude) {
        double dx = b.x - a.x, dy = b.y - a.y, length = StrictMath.hypot(dx, dy);
        int n = Math.max(2, (int) (length / 150));
        double phase1 = random.uniform(0, 6.3), phase2 = random.uniform(0, 6.3);
        double waves = Math.max(1, length / 4_000);
        Coordinate[] points = new Coordinate[n + 1];
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n;
            double envelope = StrictMath.sin(StrictMath.PI * t);
            double offset = amplitude * envelope * (0.7 * StrictMath.sin(waves * StrictMath.PI * t + phase1)
                    + 0.3 * StrictMath.sin(3 * waves * StrictMath.PI * t + phase2));
            points[i] = new Coordinate(a.x + dx * t - dy / length * offset, a.y + dy * t + dx / length * offset);
        }
        return METRIC.createLineString(points);
    }

    /** Delaunay edges between community centres: Kruskal's spanning tree plus short extra links. */
    private static List<int[]> communityLinks(List<Coordinate> centres) {
        var delaunay = new DelaunayTriangulationBuilder();
        delaunay.setSites(centres);
        Geometry edges = delaunay.getEdges(METRIC);
        Map<Coordinate, Integer> index = new HashMap<>();
        for (int i = 0; i < centres.size(); i++) index.put(centres.get(i), i);
        List<int[]> candidates = new ArrayList<>();
        for (int e = 0; e < edges.getNumGeometries(); e++) {
            Coordinate[] c = edges.getGeometryN(e).getCoordinates();
            int a = index.get(c[0]), b = index.get(c[1]);
            candidates.add(a < b ? new int[]{a, b} : new int[]{b, a});
        }
        candidates.sort(Comparator.<int[]>comparingDouble(e -> centres.get(e[0]).distance(centres.get(e[1])))
                .thenComparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
        int[] parent = new int[centres.size()];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        List<int[]> links = new ArrayList<>();
        for (int[] edge : candidates) {
            int ra = find(parent, edge[0]), rb = find(parent, edge[1]);
            double length = centres.get(edge[0]).distance(centres.get(edge[1]));
            if (ra != rb) {
                parent[ra] = rb;
                links.add(edge);
            } else if (length < 2_600 && links.size() < centres.size() * 1.35) {
                links.add(edge);
            }
        }
        return links;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    /** Clips to the city, nodes every junction, names each piece after its road, keeps the largest connected part. */
    private static RoadNetwork node(LocalPlane plane, CityPartition city, List<Road> roads) {
        GeometryFactory lonLat = CityPartition.LONLAT;
        List<Road> clipped = new ArrayList<>();
        STRtree index = new STRtree();
        for (Road road : roads) {
            Geometry inside = OverlayNG.overlay(lonLat.createGeometry(road.lonLat()), city.boundary, OverlayNG.INTERSECTION, CityPartition.PRECISION);
            if (inside.isEmpty()) continue;
            Road clippedRoad = new Road(road.name(), road.roadClass(), road.speedKmh(), road.oneway(), inside);
            clipped.add(clippedRoad);
            index.insert(inside.getEnvelopeInternal(), clippedRoad);
        }
        Geometry noded = UnaryUnionNG.union(clipped.stream().map(Road::lonLat).toList(), lonLat, CityPartition.PRECISION);

        Map<Coordinate, Integer> nodeIndex = new LinkedHashMap<>();
        List<Segment> pieces = new ArrayList<>();
        for (int i = 0; i < noded.getNumGeometries(); i++) {
            LineString piece = (LineString) noded.getGeometryN(i);
            if (piece.getLength() == 0) continue;
            Road road = owner(index, piece);
            int source = nodeIndex.computeIfAbsent(piece.getStartPoint().getCoordinate(), k -> nodeIndex.size());
            int target = nodeIndex.computeIfAbsent(piece.getEndPoint().getCoordinate(), k -> nodeIndex.size());
            double metres = plane.toMetres(piece).getLength();
            pieces.add(new Segment(road.name(), road.roadClass(), road.speedKmh(), road.oneway(), piece, source, target, metres));
        }

        // Keep the largest connected component.
        int[] parent = new int[nodeIndex.size()];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        for (Segment s : pieces) {
            int a = find(parent, s.source()), b = find(parent, s.target());
            if (a != b) parent[a] = b;
        }
        int[] size = new int[parent.length];
        for (int i = 0; i < parent.length; i++) size[find(parent, i)]++;
        int largest = 0;
        for (int i = 1; i < size.length; i++) if (size[i] > size[largest]) largest = i;
        List<Coordinate> oldNodes = new ArrayList<>(nodeIndex.keySet());
        int[] renumber = new int[parent.length];
        Arrays.fill(renumber, -1);
        List<Coordinate> nodes = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        for (Segment s : pieces) {
            if (find(parent, s.source()) != find(parent, largest)) continue;
            for (int n : new int[]{s.source(), s.target()}) {
                if (renumber[n] < 0) {
                    renumber[n] = nodes.size();
                    nodes.add(oldNodes.get(n));
                }
            }
            segments.add(new Segment(s.name(), s.roadClass(), s.speedKmh(), s.oneway(), s.lonLat(),
                    renumber[s.source()], renumber[s.target()], s.lengthMetres()));
        }
        return new RoadNetwork(plane, segments, nodes);
    }

    @SuppressWarnings("unchecked")
    private static Road owner(STRtree index, LineString piece) {
        Coordinate middle = new LengthIndexedLine(piece).extractPoint(piece.getLength() / 2);
        var point = CityPartition.LONLAT.createPoint(middle);
        Road best = null;
        for (Road road : (List<Road>) index.query(point.getEnvelopeInternal())) {
            if (road.lonLat().distance(point) > 2e-7) continue;
            if (best == null || CLASS_ORDER.indexOf(road.roadClass()) > CLASS_ORDER.indexOf(best.roadClass())) best = road;
        }
        if (best == null) throw new IllegalStateException("no road for piece at " + middle);
        return best;
    }

    int nearestNode(Coordinate lonLat) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < nodes.size(); i++) {
            double d = nodes.get(i).distance(lonLat);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** Dijkstra by length; the node sequence from one node to another. */
    List<Integer> path(int from, int to) {
        double[] distance = new double[nodes.size()];
        int[] previous = new int[nodes.size()];
        Arrays.fill(distance, Double.MAX_VALUE);
        Arrays.fill(previous, -1);
        distance[from] = 0;
        var queue = new PriorityQueue<double[]>(Comparator.comparingDouble(e -> e[1]));
        queue.add(new double[]{from, 0});
        while (!queue.isEmpty()) {
            double[] head = queue.poll();
            int node = (int) head[0];
            if (head[1] > distance[node]) continue;
            if (node == to) break;
            for (int[] edge : adjacency.get(node)) {
                double d = distance[node] + segments.get(edge[0]).lengthMetres();
                if (d < distance[edge[1]]) {
                    distance[edge[1]] = d;
                    previous[edge[1]] = node;
                    queue.add(new double[]{edge[1], d});
                }
            }
        }
        List<Integer> path = new ArrayList<>();
        for (int n = to; n != -1; n = previous[n]) path.add(0, n);
        return path.get(0) == from ? path : List.of();
    }

    /** The road geometry along a node sequence, as one line. */
    LineString line(List<Integer> nodePath) {
        List<Coordinate> coordinates = new ArrayList<>();
        for (int i = 0; i + 1 < nodePath.size(); i++) {
            Segment segment = segmentBetween(nodePath.get(i), nodePath.get(i + 1));
            Coordinate[] c = segment.lonLat().getCoordinates();
            if (segment.source() != nodePath.get(i)) {
                c = c.clone();
                java.util.Collections.reverse(Arrays.asList(c));
            }
            for (int j = coordinates.isEmpty() ? 0 : 1; j < c.length; j++) coordinates.add(c[j]);
        }
        return CityPartition.LONLAT.createLineString(coordinates.toArray(Coordinate[]::new));
    }

    private Segment segmentBetween(int a, int b) {
        Segment best = null;
        for (int[] edge : adjacency.get(a)) {
            if (edge[1] != b) continue;
            Segment s = segments.get(edge[0]);
            if (best == null || s.lengthMetres() < best.lengthMetres()) best = s;
        }
        return best;
    }

    /** Nodes within a radius (metres) of a point. */
    List<Integer> nodesNear(Coordinate lonLat, double metres) {
        Coordinate centre = plane.toMetres(lonLat);
        List<Integer> near = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (plane.toMetres(nodes.get(i)).distance(centre) <= metres) near.add(i);
        }
        return near;
    }

    int degree(int node) {
        return adjacency.get(node).size();
    }
}
