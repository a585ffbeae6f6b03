package com.rnnservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** rnn-service: recurrent-network maths over HTTP. */
@SpringBootApplication
public class RnnServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RnnServiceApplication.class, args);
    }
}
