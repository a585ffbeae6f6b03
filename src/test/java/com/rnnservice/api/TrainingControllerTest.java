package com.rnnservice.api;

import static com.rnnservice.api.Examples.request;
import static com.rnnservice.api.Examples.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loss, training and gradient check: the answers' shapes and behaviour (their numbers are checked
 * against NumPy by {@link ReferenceFixturesTest}), and their input errors.
 */
@WebMvcTest
@Import(ServiceSlice.class)
class TrainingControllerTest {

    @Autowired
    private MockMvc mvc;

    private ResultActions call(String endpoint, Object body) throws Exception {
        return this.mvc.perform(post("/api/v1/" + endpoint).contentType(MediaType.APPLICATION_JSON).content(text(body)));
    }

    private JsonNode answer(String endpoint, Object body) throws Exception {
        return Examples.JSON.readTree(call(endpoint, body).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString());
    }

    static java.util.stream.Stream<String> families() {
        return com.rnnservice.math.CellTypes.ALL.stream().map(com.rnnservice.math.CellType::name);
    }

    @ParameterizedTest
    @MethodSource("families")
    void trainingTheExampleTaskLowersTheLoss(String cell) throws Exception {
        JsonNode losses = answer(cell + "/train", request(cell + "/train")).get("losses");
        assertThat(losses.size()).isEqualTo(30);
        assertThat(losses.get(29).asDouble()).isLessThan(losses.get(0).asDouble() / 4);
        for (int s = 5; s < 30; s += 5) {
            assertThat(losses.get(s).asDouble()).as("loss at step " + s).isLessThan(losses.get(s - 5).asDouble());
        }
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> familiesAndOptimizers() {
        return families().flatMap(cell -> java.util.stream.Stream.of("sgd", "adam")
            .map(optimizer -> org.junit.jupiter.params.provider.Arguments.of(cell, optimizer)));
    }

    @ParameterizedTest
    @MethodSource("familiesAndOptimizers")
    void passingTheStateBackContinuesExactly(String cell, String optimizer) throws Exception {
        String endpoint = cell + "/train";
        ObjectNode body = request(endpoint);
        ((ObjectNode) body.get("optimizer")).put("name", optimizer);
        body.put("steps", 4);
        JsonNode straight = answer(endpoint, body);

        body.put("steps", 2);
        JsonNode first = answer(endpoint, body);
        body.set("parameters", first.get("parameters"));
        body.set("state", first.get("state"));
        JsonNode second = answer(endpoint, body);

        assertThat(second.get("state").get("step").asInt()).isEqualTo(4);
        assertThat(second.get("parameters")).isEqualTo(straight.get("parameters"));
        assertThat(second.get("state")).isEqualTo(straight.get("state"));
        assertThat(List.of(first.get("losses").get(0), first.get("losses").get(1), second.get("losses").get(0),
                second.get("losses").get(1))).containsExactlyElementsOf(straight.get("losses").valueStream().toList());
        assertThat(straight.get("state").has("m")).isEqualTo(optimizer.equals("adam"));
    }

    @Test
    void lossReturnsEveryGradientIncludingTheOutputLayer() throws Exception {
        call("lstm/sequence/loss", request("lstm/sequence/loss")).andExpect(status().isOk())
            .andExpect(jsonPath("$.loss").isNumber())
            .andExpect(jsonPath("$.gradients.dx[0][0].length()").value(7))
            .andExpect(jsonPath("$.gradients.da0.length()").value(5))
            .andExpect(jsonPath("$.gradients.dc0.length()").value(5))
            .andExpect(jsonPath("$.gradients.dWf[0].length()").value(8))
            .andExpect(jsonPath("$.gradients.dbo[0].length()").value(1))
            .andExpect(jsonPath("$.gradients.dWy.length()").value(2))
            .andExpect(jsonPath("$.gradients.dWy[0].length()").value(5))
            .andExpect(jsonPath("$.gradients.dby.length()").value(2));
        call("rnn/sequence/loss", request("rnn/sequence/loss")).andExpect(status().isOk())
            .andExpect(jsonPath("$.gradients.dWya.length()").value(2))
            .andExpect(jsonPath("$.gradients.dc0").doesNotExist());
    }

    @Test
    void aFullyMaskedBatchHasZeroLossAndGradients() throws Exception {
        ObjectNode body = request("gru/sequence/loss");
        body.set("mask", Examples.JSON.valueToTree(new double[10][4]));
        JsonNode out = answer("gru/sequence/loss", body);
        assertThat(out.get("loss").asDouble()).isZero();
        out.get("gradients").get("dWy").valueStream().flatMap(JsonNode::valueStream)
            .forEach(v -> assertThat(v.asDouble()).isZero());
    }

    @ParameterizedTest
    @MethodSource("families")
    void theGradientCheckPassesOnOurOwnGradients(String cell) throws Exception {
        JsonNode out = answer(cell + "/gradient-check", request(cell + "/gradient-check"));
        assertThat(out.get("passed").asBoolean()).isTrue();
        List<String> names = new ArrayList<>(out.get("results").propertyNames());
        assertThat(names).startsWith("dx", "da0");
        out.get("results").valueStream().forEach(r -> {
            assertThat(r.get("relative_difference").asDouble()).isLessThan(1e-7);
            assertThat(r.get("passed").asBoolean()).isTrue();
        });
    }

    @Test
    void theGradientCheckIsBounded() throws Exception {
        ObjectNode body = request("lstm/gradient-check");
        body.put("max_entries", 100);
        call("lstm/gradient-check", body).andExpect(status().isContentTooLarge())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.property").value("rnn.limits.gradient-check-max-entries"))
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("this request allows 100")));
        body.put("max_entries", 1_000_000);
        call("lstm/gradient-check", body).andExpect(status().isContentTooLarge())
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at most 200000")));
    }

    @Test
    void labelsOutOfRangeAreNamed() throws Exception {
        ObjectNode body = request("rnn/sequence/loss");
        ((tools.jackson.databind.node.ArrayNode) body.get("labels").get(3)).set(2, 2);
        call("rnn/sequence/loss", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("labels"))
            .andExpect(jsonPath("$.errors[0].message").value(
                    "labels[3][2] = 2.0 is not a class index: class indices are whole numbers in [0, n_y) = [0, 2)"));
    }

    @Test
    void labelsOfTheWrongShapeOrRankAreNamed() throws Exception {
        ObjectNode body = request("rnn/sequence/loss");
        body.set("labels", Examples.JSON.valueToTree(new double[10][3]));
        call("rnn/sequence/loss", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("labels"))
            .andExpect(jsonPath("$.errors[0].message").value("expected shape (m, T_x) = (10, 4), got (10, 3)"));
        body.set("labels", Examples.JSON.readTree("[0, 1]"));
        call("rnn/sequence/loss", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].message").value(
                    "expected class indices of shape (m, T_x) or targets of shape (n_y, m, T_x) = (2, 10, 4), got the 1-D shape (2,)"));
    }

    @Test
    void oneHotColumnsMustSumToOneUnlessMasked() throws Exception {
        ObjectNode body = request("rnn/sequence/loss");
        double[][][] targets = new double[2][10][4];
        for (int j = 0; j < 10; j++) {
            for (int t = 0; t < 3; t++) {
                targets[1][j][t] = 1;
            }
        }
        body.set("labels", Examples.JSON.valueToTree(targets));
        call("rnn/sequence/loss", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("labels[:, 0, 3] sums to 0.0")));
        double[][] mask = new double[10][4];
        for (double[] row : mask) {
            java.util.Arrays.fill(row, 0, 3, 1);
        }
        body.set("mask", Examples.JSON.valueToTree(mask));
        call("rnn/sequence/loss", body).andExpect(status().isOk());
    }

    @Test
    void aMaskHoldsZerosAndOnes() throws Exception {
        ObjectNode body = request("rnn/sequence/loss");
        double[][] mask = new double[10][4];
        mask[2][1] = 0.5;
        body.set("mask", Examples.JSON.valueToTree(mask));
        call("rnn/sequence/loss", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("mask"))
            .andExpect(jsonPath("$.errors[0].message").value("mask[2][1] = 0.5: a mask holds only 0 and 1"));
    }

    @Test
    void c0IsForTheLstmOnly() throws Exception {
        ObjectNode body = request("gru/sequence/loss");
        body.set("c0", body.get("a0"));
        call("gru/sequence/loss", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("c0"))
            .andExpect(jsonPath("$.errors[0].message").value("must be left out: the GRU cell has no cell state"));
    }

    @Test
    void trainingSettingsAreChecked() throws Exception {
        ObjectNode body = request("rnn/train");
        body.put("steps", 0);
        body.put("clip_norm", -1);
        body.set("optimizer", Examples.JSON.readTree("{\"name\": \"sgd\", \"learning_rate\": 0, \"beta1\": 0.9}"));
        call("rnn/train", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("steps",
                    "optimizer.learning_rate", "optimizer.beta1", "clip_norm")));

        body = request("rnn/train");
        body.set("optimizer", Examples.JSON.readTree("{\"name\": \"rmsprop\", \"learning_rate\": 0.1}"));
        call("rnn/train", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("optimizer.name"))
            .andExpect(jsonPath("$.errors[0].message").value("must be \"sgd\" or \"adam\", got \"rmsprop\""));

        body = request("rnn/train");
        body.remove("optimizer");
        call("rnn/train", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem("optimizer.name")));

        body = request("rnn/train");
        body.put("steps", 1_000_000);
        call("rnn/train", body).andExpect(status().isContentTooLarge())
            .andExpect(jsonPath("$.property").value("rnn.limits.train-max-steps"));
    }

    @Test
    void aStateMustFitTheParameters() throws Exception {
        ObjectNode body = request("rnn/train");
        body.put("steps", 1);
        JsonNode first = answer("rnn/train", body);
        ObjectNode state = (ObjectNode) first.get("state");
        ((ObjectNode) state.get("m")).set("Wax", Examples.JSON.valueToTree(new double[2][2]));
        ((ObjectNode) state.get("v")).remove("Waa");
        ((ObjectNode) state.get("v")).set("Wxa", Examples.JSON.valueToTree(new double[1][1]));
        body.set("state", state);
        call("rnn/train", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[*].field").value(
                    org.hamcrest.Matchers.containsInAnyOrder("state.m.Wax", "state.v.Waa", "state.v.Wxa")));

        ObjectNode sgd = request("rnn/train");
        ((ObjectNode) sgd.get("optimizer")).put("name", "sgd");
        sgd.set("state", first.get("state"));
        call("rnn/train", sgd).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("state.m"));
    }
}
