package com.whatsdex;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WhatsDexApplication {

    public static void main(String[] args) {
        SpringApplication.run(WhatsDexApplication.class, args);
    }
}
