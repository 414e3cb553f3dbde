package com.gridcommand.gisdata;

import java.util.List;
import java.util.stream.Collectors;

/** The data was refused; nothing of it was stored. Lists every problem found (up to a limit). */
public class GisDataException extends RuntimeException {

    private final List<GisDataProblem> problems;

    public GisDataException(List<GisDataProblem> problems) {
        super(problems.size() + " problem(s) in the GIS data, nothing was stored:\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<GisDataProblem> problems() {
        return problems;
    }
}
