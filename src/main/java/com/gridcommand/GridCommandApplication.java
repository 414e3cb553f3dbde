package com.gridcommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The command dashboard: one Spring Boot application, one jar. */
@SpringBootApplication
@EnableScheduling
public class GridCommandApplication {

    public static void main(String[] args) {
        SpringApplication.run(GridCommandApplication.class, args);
    }
}
