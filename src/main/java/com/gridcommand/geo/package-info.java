/**
 * Geometry helpers with no domain in them: WGS 84 constants, bounding boxes and viewports,
 * zoom-dependent tolerances, coordinate reference systems and GeoJSON.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.gridcommand.geo;
