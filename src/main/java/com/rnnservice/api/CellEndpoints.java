package com.rnnservice.api;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.rnnservice.math.CellType;
import com.rnnservice.math.CellTypes;
import com.rnnservice.service.Answer;
import com.rnnservice.service.NetworkService;
import com.rnnservice.service.RecurrentService;
import com.rnnservice.service.TrainingService;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Serves every {@link Operation} of every cell family of {@link CellTypes} at {@code /api/v1/{family}/{operation}}:
 * one route each, registered with Spring MVC as an annotated controller method would be (so that content negotiation,
 * the 405, 406 and 415 answers and the response advice apply), reading its body against its request's
 * {@link Message} through {@link Codecs} and answering through {@link AnswerConverter}. No class here knows a family:
 * a new family in {@link CellTypes} is served as it is declared.
 */
@Component
class CellEndpoints {

    private final List<Route> routes = new ArrayList<>();

    CellEndpoints(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping, Codecs codecs,
            RecurrentService recurrent, TrainingService training, NetworkService networks) {
        Operation.Services services = new Operation.Services(recurrent, training, networks);
        String[] types = codecs.mediaTypes().stream().map(MediaType::toString).toArray(String[]::new);
        for (CellType type : CellTypes.ALL) {
            for (Operation operation : Operation.values()) {
                Route route = new Route(type, operation, services, codecs);
                mapping.registerMapping(RequestMappingInfo.paths(operation.path(type))
                    .methods(RequestMethod.POST)
                    .consumes(types)
                    .produces(types)
                    .options(mapping.getBuilderConfiguration())
                    .build(), route, Route.HANDLE);
                this.routes.add(route);
            }
        }
    }

    /** Every route served, family by family in declaration order, each family's operations in order. */
    List<Route> routes() {
        return List.copyOf(this.routes);
    }

    /** One family's one operation: the handler Spring MVC calls. Hidden from springdoc, which the OpenAPI document does not need. */
    @Hidden
    static final class Route {

        static final Method HANDLE;

        static {
            try {
                HANDLE = Route.class.getDeclaredMethod("handle", HttpServletRequest.class);
            }
            catch (NoSuchMethodException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        private final CellType type;

        private final Operation operation;

        private final Message request;

        private final Operation.Services services;

        private final Codecs codecs;

        Route(CellType type, Operation operation, Operation.Services services, Codecs codecs) {
            this.type = type;
            this.operation = operation;
            this.request = operation.request(type);
            this.services = services;
            this.codecs = codecs;
        }

        CellType type() {
            return this.type;
        }

        Operation operation() {
            return this.operation;
        }

        @ResponseBody
        Answer handle(HttpServletRequest request) throws IOException {
            return this.operation.answer(this.services, this.type, this.codecs.read(request, this.request));
        }

        @Override
        public String toString() {
            return "POST " + this.operation.path(this.type);
        }
    }
}
