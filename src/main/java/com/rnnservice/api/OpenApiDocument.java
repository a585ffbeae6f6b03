package com.rnnservice.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.rnnservice.api.Message.Field;
import com.rnnservice.api.Message.ListField;
import com.rnnservice.api.Message.ObjectField;
import com.rnnservice.api.Message.TensorField;
import com.rnnservice.api.Message.TensorListField;
import com.rnnservice.api.Message.TensorMapField;
import com.rnnservice.api.Message.ValueField;
import com.rnnservice.math.CellType;
import com.rnnservice.math.CellTypes;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The API's part of the OpenAPI document, from the declarations that serve it: every family's endpoints
 * ({@link CellTypes}, {@link Operation}) with their request and answer schemas ({@link Messages}), in the order a
 * learner reads them, ahead of the endpoints springdoc finds by itself; the shared Tensor and Problem schemas; each
 * endpoint's example, the seed's test case and its answer, from {@code classpath:examples/}; and the problem+json
 * answers of every endpoint.
 */
@Component
class OpenApiDocument implements OpenApiCustomizer {

    static final String TENSOR = "Tensor";

    private static final String PROBLEM = "Problem";

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Components components = openApi.getComponents();
        components.addSchemas(TENSOR, tensorSchema()).addSchemas(PROBLEM, problemSchema());
        ref(components, Messages.randnResponse(), false);
        Paths paths = new Paths();
        List<Tag> tags = new ArrayList<>();
        for (CellType type : CellTypes.ALL) {
            tags.add(new Tag().name(type.title()).description(type.summary()));
            for (Operation operation : Operation.values()) {
                paths.addPathItem(operation.path(type), new PathItem().post(operation(components, type, operation)));
            }
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach(paths::addPathItem);
        }
        openApi.setPaths(paths);
        if (openApi.getTags() != null) {
            openApi.getTags().stream().filter(tag -> tags.stream().noneMatch(t -> t.getName().equals(tag.getName())))
                .forEach(tags::add);
        }
        openApi.setTags(tags);
        paths.forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperations().forEach(OpenApiDocument::document);
            }
        });
    }

    private static io.swagger.v3.oas.models.Operation operation(Components components, CellType type, Operation operation) {
        return new io.swagger.v3.oas.models.Operation().operationId(operation.operationId(type))
            .summary(operation.summary(type))
            .description(operation.description(type))
            .addTagsItem(type.title())
            .requestBody(new RequestBody().required(true)
                .content(new Content().addMediaType(JSON, new MediaType().schema(ref(components, operation.request(type), true)))))
            .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")
                .content(new Content().addMediaType(JSON, new MediaType().schema(ref(components, operation.response(type), false))))));
    }

    /** A reference to the message's schema, added to the components on first use. */
    static Schema<?> ref(Components components, Message message, boolean request) {
        if (components.getSchemas() == null || !components.getSchemas().containsKey(message.name())) {
            components.addSchemas(message.name(), new Schema<>());
            components.getSchemas().put(message.name(), schema(components, message, request));
        }
        return new Schema<>().$ref(ref(message.name()));
    }

    /** An object with the message's fields: a request's tensors any nested arrays, an answer's of their rank. */
    private static Schema<?> schema(Components components, Message message, boolean request) {
        Schema<?> schema = new Schema<>().types(Set.of("object")).description(message.description());
        Map<String, Schema> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Field field : message.fields()) {
            properties.put(field.name(), field(components, field, request).description(field.description()));
            if (field instanceof ObjectField object && object.required()) {
                required.add(field.name());
            }
        }
        schema.setProperties(properties);
        if (!required.isEmpty()) {
            schema.setRequired(required);
        }
        return schema;
    }

    private static Schema<?> field(Components components, Field field, boolean request) {
        if (field instanceof TensorField tensor) {
            return request ? new Schema<>().$ref(ref(TENSOR)) : nested(tensor.rank());
        }
        if (field instanceof ValueField value) {
            Schema<Object> schema = scalar(value.type());
            if (value.defaultValue() != null) {
                schema.setDefault(value.defaultValue());
            }
            if (value.example() != null) {
                schema.setExample(value.example());
            }
            return schema;
        }
        if (field instanceof ObjectField object) {
            return ref(components, object.message(), request);
        }
        if (field instanceof ListField list) {
            return new Schema<>().types(Set.of("array")).items(ref(components, list.items(), request));
        }
        if (field instanceof TensorMapField map) {
            return new Schema<>().types(Set.of("object"))
                .additionalProperties(request ? new Schema<>().$ref(ref(TENSOR)) : nested(map.rank()));
        }
        if (field instanceof TensorListField) {
            return new Schema<>().types(Set.of("array")).items(new Schema<>());
        }
        throw new IllegalStateException("no schema for " + field);
    }

    /** An answer's tensor: arrays {@code rank} deep of doubles. */
    private static Schema<?> nested(int rank) {
        Schema<?> schema = new Schema<>().types(Set.of("number")).format("double");
        for (int k = 0; k < rank; k++) {
            schema = new Schema<>().types(Set.of("array")).items(schema);
        }
        return schema;
    }

    private static Schema<Object> scalar(Class<?> type) {
        Schema<Object> schema = new Schema<>();
        if (type == Integer.class) {
            schema.types(Set.of("integer")).format("int32");
        }
        else if (type == Double.class) {
            schema.types(Set.of("number")).format("double");
        }
        else if (type == Boolean.class) {
            schema.types(Set.of("boolean"));
        }
        else {
            schema.types(Set.of("string"));
        }
        return schema;
    }

    /** The endpoint's example request and answer, and its problem+json answers. */
    private static void document(io.swagger.v3.oas.models.Operation operation) {
        String name = kebab(operation.getOperationId());
        Object request = example(name + ".json");
        if (request != null && operation.getRequestBody() != null) {
            operation.getRequestBody().getContent().values().forEach(media -> media.setExample(request));
        }
        Object response = example(name + ".response.json");
        ApiResponse ok = operation.getResponses().get("200");
        if (response != null && ok != null && ok.getContent() != null) {
            ok.getContent().values().forEach(media -> media.setExample(response));
        }
        operation.getResponses()
            .addApiResponse("400", problem("The body is not JSON, or a value has the wrong JSON type ('errors' names it)"))
            .addApiResponse("406", problem("The client accepts neither application/json nor application/problem+json"))
            .addApiResponse("413", problem("The body, its JSON (nesting, number length) or the work or memory it asks "
                    + "for is over a configured limit; 'limit' and 'property' name it"))
            .addApiResponse("415", problem("The content type is not application/json"))
            .addApiResponse("422", problem("A tensor is missing, ragged, of the wrong rank or shape, empty or "
                    + "not finite, a field is unknown, or the result overflowed; 'errors' names every field"))
            .addApiResponse("503", problem("Every computation slot stayed taken (see Retry-After), or the service "
                    + "is shutting down"));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
            .content(new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new Schema<>().$ref(ref(PROBLEM)))));
    }

    /** A nested array of numbers of any depth: (n,) for a 1-D bias, (rows, cols) or (rows, m, T_x). */
    private static Schema<?> tensorSchema() {
        return new Schema<>().types(Set.of("array"))
            .description("A tensor: a nested JSON array of finite numbers in NumPy's axis order, as "
                    + "ndarray.tolist() writes it. Every array at one depth has the same length.")
            .items(new Schema<>().oneOf(List.of(new Schema<>().types(Set.of("number")), new Schema<>().$ref(ref(TENSOR)))));
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new Schema<>().types(Set.of("object"))
            .addProperty("field", new Schema<>().types(Set.of("string")).description("JSON path of the field, e.g. parameters.Wax"))
            .addProperty("message", new Schema<>().types(Set.of("string")).description("What is wrong, with the expected and received shapes"));
        return new Schema<>().types(Set.of("object"))
            .description("An RFC 9457 problem detail")
            .addProperty("type", new Schema<>().types(Set.of("string")).format("uri-reference"))
            .addProperty("title", new Schema<>().types(Set.of("string")))
            .addProperty("status", new Schema<>().types(Set.of("integer")))
            .addProperty("detail", new Schema<>().types(Set.of("string")))
            .addProperty("instance", new Schema<>().types(Set.of("string")).format("uri-reference"))
            .addProperty("errors", new Schema<>().types(Set.of("array")).items(fieldError)
                .description("Every problem found in the input, each naming its field"))
            .addProperty("limit", new Schema<>().types(Set.of("string")).description("For a 413 or 503: the limit exceeded"))
            .addProperty("property", new Schema<>().types(Set.of("string"))
                .description("For a 413 or 503: the configuration property that sets the limit"))
            .addProperty("request_id", new Schema<>().types(Set.of("string"))
                .description("The request's id, as in the X-Request-Id header and the server's log"));
    }

    static String ref(String component) {
        return "#/components/schemas/" + component;
    }

    /** rnnCellForward → rnn-cell-forward. */
    private static String kebab(@Nullable String operationId) {
        return operationId == null ? "" : operationId.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }

    private static @Nullable Object example(String file) {
        ClassPathResource resource = new ClassPathResource("examples/" + file);
        if (!resource.exists()) {
            return null;
        }
        try (InputStream in = resource.getInputStream()) {
            return Json.mapper().readValue(in, Map.class);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read the OpenAPI example " + file, ex);
        }
    }
}
