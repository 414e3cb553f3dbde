package com.gridcommand.security;

/** A user was disabled, or their role or areas changed: their open sessions must end. */
public record UserAccessChanged(String username) {
}
