package com.gridcommand.casework;

/**
 * How the case list is sorted: by one column, up or down. Without a column chosen, newest reported first; a
 * column is named by its {@link CaseFilter.Sort} name.
 */
public record CaseOrder(CaseFilter.Sort sort, boolean descending) {

    public static final CaseOrder DEFAULT = new CaseOrder(CaseFilter.Sort.REPORTED, true);

    /** The order a list column asks for ({@code property} null: none, so {@link #DEFAULT}). */
    public static CaseOrder of(String property, boolean descending) {
        return property == null ? DEFAULT : new CaseOrder(CaseFilter.Sort.valueOf(property), descending);
    }
}
