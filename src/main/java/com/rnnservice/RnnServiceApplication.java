package com.rnnservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** rnn-service: recurrent-network maths over HTTP. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RnnServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RnnServiceApplication.class, args);
    }
}
