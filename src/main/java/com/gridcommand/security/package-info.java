/**
 * Who may see and do what. Users have a role and an area scope (the city, townships, communities or
 * grid cells); every feature module filters its reads and checks its writes with the caller's
 * {@link com.gridcommand.security.AccessScope}. Devices have their own revocable tokens. Every change to
 * governance data lands in an append-only audit trail, written by database triggers.
 */
package com.gridcommand.security;
