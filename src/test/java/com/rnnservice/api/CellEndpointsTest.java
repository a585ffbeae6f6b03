package com.rnnservice.api;

import static com.rnnservice.api.Examples.request;
import static com.rnnservice.api.Examples.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.rnnservice.api.Message.Field;
import com.rnnservice.api.Message.ListField;
import com.rnnservice.api.Message.ObjectField;
import com.rnnservice.api.Message.TensorField;
import com.rnnservice.api.Message.TensorListField;
import com.rnnservice.api.Message.TensorMapField;
import com.rnnservice.api.Message.ValueField;
import com.rnnservice.math.CellType;
import com.rnnservice.math.CellTypes;
import com.rnnservice.math.ParameterShape;
import com.rnnservice.math.Symbol;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract every declared family's endpoints keep, from its declaration alone (no family is named here): every
 * answer holds what its message declares, of the declared rank; gates come as declared and only when asked for; a
 * weight of the wrong shape, an unknown parameter, a cell state where there is none are named with the family's own
 * symbols and names; a bias may be 1-D and a backward pass needs no output layer.
 */
@WebMvcTest
@Import(ServiceSlice.class)
class CellEndpointsTest {

    @Autowired
    private MockMvc mvc;

    private MockHttpServletResponse call(String endpoint, Object body) throws Exception {
        return this.mvc.perform(post("/api/v1/" + endpoint).contentType(MediaType.APPLICATION_JSON).content(text(body)))
            .andReturn()
            .getResponse();
    }

    private JsonNode answer(String endpoint, Object body) throws Exception {
        MockHttpServletResponse response = call(endpoint, body);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return Examples.JSON.readTree(response.getContentAsString());
    }

    private JsonNode problem(String endpoint, Object body, int status) throws Exception {
        MockHttpServletResponse response = call(endpoint, body);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return Examples.JSON.readTree(response.getContentAsString());
    }

    static Stream<Arguments> operations() {
        List<Arguments> cases = new ArrayList<>();
        for (CellType type : CellTypes.ALL) {
            for (Operation operation : Operation.values()) {
                cases.add(Arguments.of(type.name(), operation));
            }
        }
        return cases.stream();
    }

    static Stream<String> families() {
        return CellTypes.ALL.stream().map(CellType::name);
    }

    private static CellType type(String name) {
        return CellTypes.named(name).orElseThrow();
    }

    private static String endpoint(CellType type, Operation operation) {
        return operation.path(type).substring("/api/v1/".length());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operations")
    void everyAnswerHoldsWhatItsMessageDeclares(String family, Operation operation) throws Exception {
        CellType type = type(family);
        String endpoint = endpoint(type, operation);
        ObjectNode body = request(endpoint);
        if (body.has("return_gates")) {
            body.put("return_gates", true);
        }
        if (operation == Operation.NETWORK_FORWARD) {
            body.put("return_layers", true);
        }
        JsonNode answer = answer(endpoint, body);
        List<String> undeclared = new ArrayList<>();
        conforms("", answer, operation.response(type), undeclared);
        assertThat(undeclared).as(endpoint).isEmpty();
        assertThat(answer.propertyNames()).as(endpoint).isNotEmpty();
    }

    /** Records every field of {@code node} its message does not declare, or of another kind or depth. */
    private static void conforms(String path, JsonNode node, Message message, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path + " is not an object");
            return;
        }
        for (String name : node.propertyNames()) {
            String at = path.isEmpty() ? name : path + "." + name;
            Field field = message.field(name).orElse(null);
            JsonNode value = node.get(name);
            if (field == null) {
                problems.add(at + " is not declared by " + message.name());
            }
            else if (field instanceof TensorField tensor) {
                depth(at, value, tensor.rank(), problems);
            }
            else if (field instanceof ObjectField object) {
                conforms(at, value, object.message(), problems);
            }
            else if (field instanceof ListField list) {
                for (int i = 0; i < value.size(); i++) {
                    conforms(at + "[" + i + "]", value.get(i), list.items(), problems);
                }
            }
            else if (field instanceof TensorMapField map) {
                value.properties().forEach(e -> depth(at + "." + e.getKey(), e.getValue(), map.rank(), problems));
            }
            else if (field instanceof ValueField scalar) {
                boolean fits = scalar.type() == Boolean.class ? value.isBoolean()
                        : scalar.type() == String.class ? value.isString() : value.isNumber();
                if (!fits) {
                    problems.add(at + " is " + value.getNodeType() + ", declared " + scalar.type().getSimpleName());
                }
            }
            else if (!(field instanceof TensorListField) || !value.isArray()) {
                problems.add(at + " is not what " + field + " declares");
            }
        }
    }

    private static void depth(String path, JsonNode value, int rank, List<String> problems) {
        JsonNode node = value;
        for (int k = 0; k < rank; k++) {
            if (!node.isArray() || node.isEmpty()) {
                problems.add(path + " is not " + rank + " arrays deep");
                return;
            }
            node = node.get(0);
        }
        if (!node.isNumber()) {
            problems.add(path + " is deeper than " + rank + " arrays");
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void theGatesAreTheDeclaredOnesAndComeOnlyWhenAskedFor(String family) throws Exception {
        CellType type = type(family);
        List<String> declared = type.gates().stream().map(CellType.Named::name).toList();
        String sequence = family + "/sequence/forward";
        ObjectNode body = request(sequence);
        body.remove("return_gates");
        assertThat(answer(sequence, body).has("gates")).isFalse();
        body.put("return_gates", false);
        assertThat(answer(sequence, body).has("gates")).isFalse();
        body.put("return_gates", true);
        JsonNode gates = answer(sequence, body).get("gates");
        JsonNode x = body.get("x");
        int nA = request(sequence).get("a0").size();
        if (declared.isEmpty()) {
            assertThat(gates).as("a cell without gates answers none").isNull();
        }
        else {
            assertThat(gates.propertyNames()).containsExactlyElementsOf(declared);
            gates.properties().forEach(gate -> {
                assertThat(gate.getValue().size()).as(gate.getKey() + " rows").isEqualTo(nA);
                assertThat(gate.getValue().get(0).size()).as(gate.getKey() + " examples").isEqualTo(x.get(0).size());
                assertThat(gate.getValue().get(0).get(0).size()).as(gate.getKey() + " steps").isEqualTo(x.get(0).get(0).size());
            });
        }
        JsonNode step = answer(family + "/cell/forward", request(family + "/cell/forward")).get("gates");
        assertThat(step == null ? List.of() : step.propertyNames()).containsExactlyElementsOf(declared);

        body.set("return_gates", Examples.JSON.readTree("[1]"));
        JsonNode problem = problem(sequence, body, 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("return_gates");
        assertThat(problem.get("errors").get(0).get("message").asString())
            .isEqualTo("has the wrong JSON type: expected true or false");
    }

    @ParameterizedTest
    @MethodSource("families")
    void aWeightOfTheWrongWidthIsNamedWithItsSymbols(String family) throws Exception {
        CellType type = type(family);
        ParameterShape weight = type.parameters().get(0);
        // the examples' sizes: n_x = 3, n_a = 5
        Map<Symbol, Integer> sizes = Map.of(Symbol.N_X, 3, Symbol.N_A, 5);
        int rows = weight.rows().value(sizes);
        int cols = weight.columns().value(sizes);
        String endpoint = family + "/cell/forward";
        ObjectNode body = request(endpoint);
        ((ObjectNode) body.get("parameters")).set(weight.name(), Examples.JSON.valueToTree(new double[rows][cols - 1]));
        JsonNode problem = problem(endpoint, body, 422);
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("parameters." + weight.name());
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("expected shape " + weight.shape()
                + " = (" + rows + ", " + cols + "), got (" + rows + ", " + (cols - 1) + ")");
    }

    @ParameterizedTest
    @MethodSource("families")
    void anUnknownParameterIsRefusedNamingTheFamilysOwn(String family) throws Exception {
        CellType type = type(family);
        String endpoint = family + "/sequence/forward";
        ObjectNode body = request(endpoint);
        ObjectNode parameters = (ObjectNode) body.get("parameters");
        parameters.set("Wzz", parameters.remove(type.parameters().get(0).name()));
        JsonNode problem = problem(endpoint, body, 422);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/unknown-field");
        List<String> names = new ArrayList<>(type.parameters().stream().map(ParameterShape::name).toList());
        names.add(type.outputWeights());
        names.add(CellType.OUTPUT_BIAS);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("parameters.Wzz");
        assertThat(problem.get("errors").get(0).get("message").asString())
            .isEqualTo("is not a field here; expected one of " + String.join(", ", names.stream().sorted().toList()));
    }

    @ParameterizedTest
    @MethodSource("families")
    void aBiasMayBeOneDimensionalAndABackwardPassNeedsNoOutputLayer(String family) throws Exception {
        CellType type = type(family);
        String endpoint = family + "/cell/backward";
        ObjectNode body = request(endpoint);
        JsonNode expected = answer(endpoint, body);
        ObjectNode parameters = (ObjectNode) body.get("parameters");
        for (ParameterShape p : type.parameters()) {
            if (p.isBias()) {
                ArrayNode flat = Examples.JSON.createArrayNode();
                parameters.get(p.name()).forEach(row -> flat.add(row.get(0)));
                parameters.set(p.name(), flat);
            }
        }
        parameters.remove(type.outputWeights());
        parameters.remove(CellType.OUTPUT_BIAS);
        assertThat(answer(endpoint, body)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("families")
    void aCellStateIsForACellWithAMemory(String family) throws Exception {
        CellType type = type(family);
        ObjectNode sequence = request(family + "/sequence/forward");
        ObjectNode loss = request(family + "/sequence/loss");
        ObjectNode backward = request(family + "/cell/backward");
        int nA = sequence.get("a0").size();
        int m = sequence.get("a0").get(0).size();
        if (!type.hasMemory()) {
            loss.set("c0", loss.get("a0"));
            JsonNode problem = problem(family + "/sequence/loss", loss, 422);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("c0");
            assertThat(problem.get("errors").get(0).get("message").asString())
                .isEqualTo("must be left out: the " + type.title() + " cell has no cell state");
            backward.set("dc_next", backward.get("da_next"));
            assertThat(problem(family + "/cell/backward", backward, 422).get("type").asString())
                .isEqualTo("/problems/unknown-field");
            return;
        }
        String without = text(answer(family + "/sequence/forward", sequence));
        sequence.set("c0", Examples.JSON.valueToTree(new double[nA][m]));
        assertThat(text(answer(family + "/sequence/forward", sequence))).as("zeros are the default").isEqualTo(without);
        double[][] ones = new double[nA][m];
        for (double[] row : ones) {
            java.util.Arrays.fill(row, 1.0);
        }
        sequence.set("c0", Examples.JSON.valueToTree(ones));
        assertThat(text(answer(family + "/sequence/forward", sequence))).isNotEqualTo(without);
        backward.remove("dc_next");
        JsonNode problem = problem(family + "/cell/backward", backward, 422);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("dc_next");
        assertThat(problem.get("errors").get(0).get("message").asString())
            .isEqualTo("is required: a tensor of shape (n_a, m) = (" + nA + ", " + m + ")");
    }

    @ParameterizedTest
    @MethodSource("families")
    void answersAreJson(String family) throws Exception {
        this.mvc.perform(post("/api/v1/" + family + "/cell/forward").contentType(MediaType.APPLICATION_JSON)
            .content(text(request(family + "/cell/forward")))).andExpect(status().isOk())
            .andExpect(content().contentType(MediaType.APPLICATION_JSON));
    }
}
