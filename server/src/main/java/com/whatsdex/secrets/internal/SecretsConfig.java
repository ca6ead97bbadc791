package com.whatsdex.secrets.internal;

import com.whatsdex.secrets.SecretBox;
import com.whatsdex.shared.WhatsDexProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretsConfig {

    /** Built at startup so a missing or malformed key stops the application before any secret is stored. */
    @Bean
    SecretBox secretBox(@Value("${whatsdex.master-key:}") String masterKey, WhatsDexProperties properties) {
        return SecretBox.withKey(MasterKeys.load(masterKey, properties.dataDir()));
    }
}
