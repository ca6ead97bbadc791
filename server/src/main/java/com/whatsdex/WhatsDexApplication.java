package com.whatsdex;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

// no in-memory user store: every caller is authenticated by CredentialsFilter
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class WhatsDexApplication {

    public static void main(String[] args) {
        SpringApplication.run(WhatsDexApplication.class, args);
    }
}
