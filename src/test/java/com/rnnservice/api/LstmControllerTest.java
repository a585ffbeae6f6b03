package com.rnnservice.api;

import static com.rnnservice.api.Examples.request;
import static com.rnnservice.api.Examples.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;


import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The LSTM endpoints: the numbers the seed prints, gates, the optional c0 and shape errors named by field. */
@WebMvcTest(LstmController.class)
@Import(ServiceSlice.class)
class LstmControllerTest {

    private static final double PRINTED = 5e-9;

    @Autowired
    private MockMvc mvc;

    private ResultActions call(String endpoint, Object body) throws Exception {
        return this.mvc.perform(post("/api/v1/" + endpoint).contentType(MediaType.APPLICATION_JSON).content(text(body)));
    }

    @Test
    void cellForwardPrintsTheSeedsNumbersAndTheGates() throws Exception {
        call("lstm/cell/forward", request("lstm/cell/forward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.a_next[4][0]").value(closeTo(-0.66408471, PRINTED), Double.class))
            .andExpect(jsonPath("$.a_next[4][1]").value(closeTo(0.0036921, PRINTED), Double.class))
            .andExpect(jsonPath("$.c_next[2][0]").value(closeTo(0.63267805, PRINTED), Double.class))
            .andExpect(jsonPath("$.yt_pred[1][0]").value(closeTo(0.79913913, PRINTED), Double.class))
            .andExpect(jsonPath("$.c_next.length()").value(5))
            .andExpect(jsonPath("$.gates.ft.length()").value(5))
            .andExpect(jsonPath("$.gates.it[0].length()").value(10))
            .andExpect(jsonPath("$.gates.cct").isArray())
            .andExpect(jsonPath("$.gates.ot").isArray());
    }

    @Test
    void cellForwardGatesComposeToTheStates() throws Exception {
        ObjectNode body = request("lstm/cell/forward");
        String answer = call("lstm/cell/forward", body).andReturn().getResponse().getContentAsString();
        JsonNode out = Examples.JSON.readTree(answer);
        JsonNode g = out.get("gates");
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 10; j++) {
                double c = g.get("ft").get(i).get(j).asDouble() * body.get("c_prev").get(i).get(j).asDouble()
                        + g.get("it").get(i).get(j).asDouble() * g.get("cct").get(i).get(j).asDouble();
                assertThat(out.get("c_next").get(i).get(j).asDouble()).isCloseTo(c, org.assertj.core.data.Offset.offset(1e-15));
                assertThat(out.get("a_next").get(i).get(j).asDouble())
                    .isCloseTo(g.get("ot").get(i).get(j).asDouble() * Math.tanh(c), org.assertj.core.data.Offset.offset(1e-15));
            }
        }
    }

    @Test
    void cellBackwardPrintsTheSeedsNumbers() throws Exception {
        call("lstm/cell/backward", request("lstm/cell/backward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.dxt[1][2]").value(closeTo(3.23055911511, 1e-10), Double.class))
            .andExpect(jsonPath("$.da_prev[2][3]").value(closeTo(-0.0639621419711, 1e-12), Double.class))
            .andExpect(jsonPath("$.dc_prev[2][3]").value(closeTo(0.797522038797, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWf[3][1]").value(closeTo(-0.147954838164, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWi[1][2]").value(closeTo(1.05749805523, 1e-11), Double.class))
            .andExpect(jsonPath("$.dWc[3][1]").value(closeTo(2.30456216369, 1e-11), Double.class))
            .andExpect(jsonPath("$.dWo[1][2]").value(closeTo(0.331311595289, 1e-12), Double.class))
            .andExpect(jsonPath("$.dbf[4][0]").value(closeTo(0.18864637, PRINTED), Double.class))
            .andExpect(jsonPath("$.dbi[4][0]").value(closeTo(-0.40142491, PRINTED), Double.class))
            .andExpect(jsonPath("$.dbc[4][0]").value(closeTo(0.25587763, PRINTED), Double.class))
            .andExpect(jsonPath("$.dbo[4][0]").value(closeTo(0.13893342, PRINTED), Double.class))
            .andExpect(jsonPath("$.dWf.length()").value(5))
            .andExpect(jsonPath("$.dWf[0].length()").value(8));
    }

    @Test
    void sequenceForwardPrintsTheSeedsNumbers() throws Exception {
        call("lstm/sequence/forward", request("lstm/sequence/forward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.a[4][3][6]").value(closeTo(0.172117767533, 1e-12), Double.class))
            .andExpect(jsonPath("$.y_pred[1][4][3]").value(closeTo(0.95087346185, 1e-11), Double.class))
            .andExpect(jsonPath("$.c[1][2][1]").value(closeTo(-0.855544916718, 1e-12), Double.class))
            .andExpect(jsonPath("$.a[0][0].length()").value(7));
    }

    @Test
    void aGivenC0ChangesTheSequenceAndZerosDoNot() throws Exception {
        ObjectNode body = request("lstm/sequence/forward");
        String without = call("lstm/sequence/forward", body).andReturn().getResponse().getContentAsString();
        body.set("c0", Examples.JSON.valueToTree(new double[5][10]));
        String zeros = call("lstm/sequence/forward", body).andReturn().getResponse().getContentAsString();
        assertThat(zeros).isEqualTo(without);
        double[][] ones = new double[5][10];
        for (double[] row : ones) {
            java.util.Arrays.fill(row, 1.0);
        }
        body.set("c0", Examples.JSON.valueToTree(ones));
        String withOnes = call("lstm/sequence/forward", body).andReturn().getResponse().getContentAsString();
        assertThat(withOnes).isNotEqualTo(without);
    }

    @Test
    void sequenceBackwardPrintsTheSeedsNumbers() throws Exception {
        call("lstm/sequence/backward", request("lstm/sequence/backward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.dx[1][2][0]").value(closeTo(0.00218254, PRINTED), Double.class))
            .andExpect(jsonPath("$.dx[1][2][1]").value(closeTo(0.28205375, PRINTED), Double.class))
            .andExpect(jsonPath("$.da0[2][3]").value(closeTo(0.312770310257, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWf[3][1]").value(closeTo(-0.0809802310938, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWi[1][2]").value(closeTo(0.40512433093, 1e-11), Double.class))
            .andExpect(jsonPath("$.dWc[3][1]").value(closeTo(-0.0793746735512, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWo[1][2]").value(closeTo(0.038948775763, 1e-12), Double.class))
            .andExpect(jsonPath("$.dbf[4][0]").value(closeTo(-0.15745657, PRINTED), Double.class))
            .andExpect(jsonPath("$.dbo[4][0]").value(closeTo(-0.17958196, PRINTED), Double.class))
            .andExpect(jsonPath("$.dc0.length()").value(5))
            .andExpect(jsonPath("$.dc0[0].length()").value(10));
    }

    @Test
    void wfOfTheWrongWidthNamesTheSumOfSymbols() throws Exception {
        ObjectNode body = request("lstm/cell/forward");
        ((ObjectNode) body.get("parameters")).set("Wf", Examples.JSON.valueToTree(new double[5][7]));
        call("lstm/cell/forward", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors.length()").value(1))
            .andExpect(jsonPath("$.errors[0].field").value("parameters.Wf"))
            .andExpect(jsonPath("$.errors[0].message").value("expected shape (n_a, n_a + n_x) = (5, 8), got (5, 7)"));
    }

    @Test
    void nXIsInferredFromTheGateWidthsWhenXtIsMissing() throws Exception {
        ObjectNode body = request("lstm/cell/forward");
        body.remove("xt");
        call("lstm/cell/forward", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors.length()").value(1))
            .andExpect(jsonPath("$.errors[0].field").value("xt"))
            .andExpect(jsonPath("$.errors[0].message").value("is required: a tensor of shape (n_x, m) = (3, 10)"));
    }

    @Test
    void theCellBackwardNeedsDcNext() throws Exception {
        ObjectNode body = request("lstm/cell/backward");
        body.remove("dc_next");
        call("lstm/cell/backward", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("dc_next"))
            .andExpect(jsonPath("$.errors[0].message").value("is required: a tensor of shape (n_a, m) = (5, 10)"));
    }
}
