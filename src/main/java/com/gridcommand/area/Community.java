package com.gridcommand.area;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.locationtech.jts.geom.MultiPolygon;

/** A village or urban community (村/社区) with its governance station. */
@Entity
@Table(name = "community")
public class Community {

    @Id
    private Long id;
    private String code;
    private String name;
    private String kind;
    @Column(name = "station_name")
    private String stationName;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "township_id")
    private Township township;
    private MultiPolygon geom;

    protected Community() {
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public String getKind() { return kind; }
    public String getStationName() { return stationName; }
    public Township getTownship() { return township; }
    public MultiPolygon getGeom() { return geom; }
}
