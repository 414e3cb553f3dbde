package com.gridcommand.security;

import com.gridcommand.base.i18n.ProblemException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The areas a user may see and act in: the whole city, or a list of township, community or grid-cell
 * codes. Area codes nest (a cell's 15-digit code starts with its community's 12 digits, which start with
 * its township's 9), so membership is a prefix test and needs no lookup. Nothing at all is {@link #NONE}:
 * what an unauthenticated caller gets, so a forgotten check fails closed.
 */
public record AccessScope(ScopeKind kind, List<String> codes) implements java.io.Serializable {

    private static final Pattern TOWNSHIP = Pattern.compile("\\d{9}000");
    private static final Pattern COMMUNITY = Pattern.compile("\\d{12}");
    private static final Pattern CELL = Pattern.compile("\\d{15}");

    public static final AccessScope CITY = new AccessScope(ScopeKind.CITY, List.of());
    /** Sees nothing. */
    public static final AccessScope NONE = new AccessScope(ScopeKind.CELLS, List.of());

    public AccessScope {
        codes = List.copyOf(codes);
        Pattern format = switch (kind) {
            case CITY -> null;
            case TOWNSHIP -> TOWNSHIP;
            case COMMUNITY -> COMMUNITY;
            case CELLS -> CELL;
        };
        if (format == null && !codes.isEmpty()) throw new ProblemException("problem.scope.city", "a city-wide scope lists no areas");
        for (String code : codes) {
            if (format != null && !format.matcher(code).matches()) {
                throw new ProblemException("problem.scope.code", "'" + code + "' is not a " + kind.name().toLowerCase() + " code", code);
            }
        }
    }

    public static AccessScope of(ScopeKind kind, List<String> codes) {
        return kind == ScopeKind.CITY ? CITY : new AccessScope(kind, codes);
    }

    public boolean isCity() {
        return kind == ScopeKind.CITY;
    }

    /** LIKE patterns a grid cell's code must match to be in scope (the city: everything). */
    public List<String> cellPatterns() {
        return switch (kind) {
            case CITY -> List.of("%");
            case TOWNSHIP -> codes.stream().map(c -> c.substring(0, 9) + "%").toList();
            case COMMUNITY -> codes.stream().map(c -> c + "%").toList();
            case CELLS -> codes;
        };
    }

    /**
     * LIKE patterns for townships wholly in scope: things owned by a township as a whole (its responders,
     * hotspots, patrol routes) are seen by users of that township or the city; users of a smaller area
     * see them only where they lie inside it.
     */
    public List<String> wholeTownshipPatterns() {
        return switch (kind) {
            case CITY -> List.of("%");
            case TOWNSHIP -> codes;
            default -> List.of();
        };
    }

    /** Whether a grid cell (by its code) is in scope. */
    public boolean coversCell(String cellCode) {
        return cellPatterns().stream().anyMatch(p -> p.endsWith("%") ? cellCode.startsWith(p.substring(0, p.length() - 1)) : cellCode.equals(p));
    }

    /** Whether every area of another scope lies inside this one (an administrator may only hand out what is theirs). */
    public boolean contains(AccessScope other) {
        if (isCity()) return true;
        if (other.isCity()) return false;
        return other.codes().stream().allMatch(code -> cellPatterns().stream().anyMatch(p -> {
            String prefix = p.endsWith("%") ? p.substring(0, p.length() - 1) : p;
            String comparable = other.kind() == ScopeKind.TOWNSHIP ? code.substring(0, 9) : code;
            return comparable.startsWith(prefix);
        }));
    }
}
