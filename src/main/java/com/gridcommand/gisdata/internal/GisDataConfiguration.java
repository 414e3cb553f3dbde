package com.gridcommand.gisdata.internal;

import com.gridcommand.gisdata.GisDataProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GisDataProperties.class)
class GisDataConfiguration {
}
