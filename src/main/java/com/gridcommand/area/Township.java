package com.gridcommand.area;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.locationtech.jts.geom.MultiPolygon;

/** A township, town or street office (乡镇/街道) with its comprehensive-governance centre. */
@Entity
@Table(name = "township")
public class Township {

    @Id
    private Long id;
    private String code;
    private String name;
    private String kind;
    @Column(name = "centre_name")
    private String centreName;
    private MultiPolygon geom;

    protected Township() {
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public String getKind() { return kind; }
    public String getCentreName() { return centreName; }
    public MultiPolygon getGeom() { return geom; }
}
