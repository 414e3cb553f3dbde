package com.gridcommand.dispatch;

import java.time.OffsetDateTime;
import java.util.List;

/** A responder as the map describes them. */
public record ResponderDetails(long id, String code, String name, String kind, String team, List<String> skills,
                               String phone, String status, String township, OffsetDateTime positionAt) {
}
