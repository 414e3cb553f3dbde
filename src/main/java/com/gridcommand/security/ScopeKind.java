package com.gridcommand.security;

/** The level of the areas a user's scope lists. */
public enum ScopeKind {
    CITY, TOWNSHIP, COMMUNITY, CELLS
}
