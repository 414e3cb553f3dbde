package com.gridcommand.area;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.locationtech.jts.geom.Polygon;

/** A grid cell (网格): the smallest unit, a few hundred households with one responsible grid worker. */
@Entity
@Table(name = "grid_cell")
public class GridCell {

    @Id
    private Long id;
    private String code;
    private String name;
    @Column(name = "grid_worker")
    private String gridWorker;
    @Column(name = "grid_worker_phone")
    private String gridWorkerPhone;
    private Integer households;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "community_id")
    private Community community;
    private Polygon geom;

    protected GridCell() {
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public String getGridWorker() { return gridWorker; }
    public String getGridWorkerPhone() { return gridWorkerPhone; }
    public Integer getHouseholds() { return households; }
    public Community getCommunity() { return community; }
    public Polygon getGeom() { return geom; }
}
