package com.gridcommand.casework.internal;

import com.gridcommand.gisdata.GeometryKind;
import com.gridcommand.gisdata.GisFeature;
import com.gridcommand.gisdata.GisFeatureRejectedException;
import com.gridcommand.gisdata.GisLayer;
import com.gridcommand.gisdata.LayerSchema;
import com.gridcommand.gisdata.PropertySpec;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static com.gridcommand.gisdata.PropertySpec.text;

/**
 * cases.geojson: past and open cases. The grid cell, community and township are not given: the
 * database finds them from the point (and refuses a point outside every cell).
 */
@Component
class CaseLayer implements GisLayer {

    static final LayerSchema SCHEMA = LayerSchema.layer("cases", 100)
            .geometry(GeometryKind.POINT).key("code")
            .property(text("code").required().maxLength(32))
            .property(text("title").required().maxLength(200))
            .property(text("description").maxLength(5000))
            .property(text("category").required().oneOf("NEIGHBOUR", "FAMILY", "LAND", "LABOUR", "PROPERTY",
                    "PUBLIC_SECURITY", "HAZARD", "PETITION", "OTHER"))
            .property(PropertySpec.of("severity", PropertySpec.Type.INTEGER).required().range(1, 4)
                    .describe("1 一般, 2 较大, 3 重大, 4 特别重大"))
            .property(text("source").required().oneOf("COUNTER", "PATROL", "HOTLINE", "POLICE_110", "UPPER_LEVEL"))
            .property(text("step").required().oneOf("INTAKE", "ROUTING", "SUPERVISION", "FEEDBACK", "FOLLOW_UP", "CLOSED"))
            .property(PropertySpec.objects("parties",
                    text("name").required().maxLength(50),
                    text("role").required().oneOf("APPLICANT", "RESPONDENT", "REPORTER", "OTHER")))
            .property(PropertySpec.of("reported_at", PropertySpec.Type.TIMESTAMP).required())
            .property(PropertySpec.of("deadline", PropertySpec.Type.TIMESTAMP))
            .property(PropertySpec.of("closed_at", PropertySpec.Type.TIMESTAMP).describe("required exactly when step is CLOSED"))
            .property(text("responsible_unit").maxLength(100))
            .property(text("responsible_person").maxLength(50))
            .build();

    @Override
    public LayerSchema schema() {
        return SCHEMA;
    }

    @Override
    public void insert(JdbcClient jdbc, GisFeature f) {
        boolean closed = "CLOSED".equals(f.text("step"));
        if (closed != (f.timestamp("closed_at") != null)) {
            throw new GisFeatureRejectedException(closed ? "a CLOSED case needs closed_at" : "only a CLOSED case has closed_at");
        }
        if (f.timestamp("closed_at") != null && f.timestamp("closed_at").isBefore(f.timestamp("reported_at"))) {
            throw new GisFeatureRejectedException("closed_at is before reported_at");
        }
        if (f.timestamp("deadline") != null && f.timestamp("deadline").isBefore(f.timestamp("reported_at"))) {
            throw new GisFeatureRejectedException("deadline is before reported_at");
        }
        // An imported case's current step runs to its deadline; its timeline begins with one line saying where it came from.
        long id = jdbc.sql("""
                        insert into gov_case (code, title, description, category, severity, source, step, parties, reported_at,
                                              deadline, closed_at, responsible_unit, responsible_person, step_started_at, step_deadline,
                                              registered_by, geom)
                        values (:code, :title, coalesce(:description, ''), :category, :severity, :source, :step,
                                coalesce(:parties::jsonb, '[]'::jsonb), :reported, :deadline, :closed, :unit, :person,
                                case when cast(:step as text) = 'CLOSED' then null else cast(:reported as timestamptz) end,
                                case when cast(:step as text) = 'CLOSED' then null else cast(:deadline as timestamptz) end,
                                'system:gis-data', ST_GeomFromWKB(:wkb, 4326))
                        returning id""")
                .param("code", f.text("code")).param("title", f.text("title")).param("description", f.text("description"))
                .param("category", f.text("category")).param("severity", f.integer("severity")).param("source", f.text("source"))
                .param("step", f.text("step")).param("parties", f.jsonText("parties"))
                .param("reported", f.timestamp("reported_at")).param("deadline", f.timestamp("deadline"))
                .param("closed", f.timestamp("closed_at")).param("unit", f.text("responsible_unit"))
                .param("person", f.text("responsible_person")).param("wkb", new WKBWriter().write(f.geometry()))
                .query(Long.class).single();
        jdbc.sql("""
                        insert into case_event (case_id, at, actor, action, to_step, details)
                        values (:id, :reported, 'system:gis-data', 'IMPORT', :step, jsonb_strip_nulls(jsonb_build_object('unit', cast(:unit as text), 'person', cast(:person as text))))""")
                .param("id", id).param("reported", f.timestamp("reported_at")).param("step", f.text("step"))
                .param("unit", f.text("responsible_unit")).param("person", f.text("responsible_person")).update();
    }

    @Override
    public long storedCount(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from gov_case").query(Long.class).single();
    }
}
