package com.rnnservice.api;

import static com.rnnservice.api.Examples.request;
import static com.rnnservice.api.Examples.text;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;


import tools.jackson.databind.node.ObjectNode;

/** The RNN endpoints: the numbers the seed prints for its test recipes, and shape errors named by field. */
@WebMvcTest(RnnController.class)
@Import(ServiceSlice.class)
class RnnControllerTest {

    private static final double PRINTED = 5e-9;

    @Autowired
    private MockMvc mvc;

    private ResultActions call(String endpoint, Object body) throws Exception {
        return this.mvc.perform(post("/api/v1/" + endpoint).contentType(MediaType.APPLICATION_JSON).content(text(body)));
    }

    @Test
    void cellForwardPrintsTheSeedsNumbers() throws Exception {
        call("rnn/cell/forward", request("rnn/cell/forward")).andExpect(status().isOk())
            .andExpect(content().contentType(MediaType.APPLICATION_JSON))
            .andExpect(jsonPath("$.a_next.length()").value(5))
            .andExpect(jsonPath("$.a_next[4].length()").value(10))
            .andExpect(jsonPath("$.a_next[4][0]").value(closeTo(0.59584544, PRINTED), Double.class))
            .andExpect(jsonPath("$.a_next[4][1]").value(closeTo(0.18141802, PRINTED), Double.class))
            .andExpect(jsonPath("$.yt_pred.length()").value(2))
            .andExpect(jsonPath("$.yt_pred[1][0]").value(closeTo(0.9888161, PRINTED), Double.class))
            .andExpect(jsonPath("$.gates").doesNotExist());
    }

    @Test
    void cellBackwardPrintsTheSeedsNumbers() throws Exception {
        call("rnn/cell/backward", request("rnn/cell/backward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.dxt[1][2]").value(closeTo(-1.3872130506, 1e-10), Double.class))
            .andExpect(jsonPath("$.da_prev[2][3]").value(closeTo(-0.152399493774, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWax[3][1]").value(closeTo(0.410772824935, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWaa[1][2]").value(closeTo(1.15034506685, 1e-11), Double.class))
            .andExpect(jsonPath("$.dba.length()").value(5))
            .andExpect(jsonPath("$.dba[4][0]").value(closeTo(0.20023491, PRINTED), Double.class));
    }

    @Test
    void cellBackwardNeedsNoOutputLayer() throws Exception {
        ObjectNode body = request("rnn/cell/backward");
        ((ObjectNode) body.get("parameters")).remove("Wya");
        ((ObjectNode) body.get("parameters")).remove("by");
        call("rnn/cell/backward", body).andExpect(status().isOk())
            .andExpect(jsonPath("$.dba[4][0]").value(closeTo(0.20023491, PRINTED), Double.class));
    }

    @Test
    void sequenceForwardPrintsTheSeedsNumbers() throws Exception {
        call("rnn/sequence/forward", request("rnn/sequence/forward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.a.length()").value(5))
            .andExpect(jsonPath("$.a[0].length()").value(10))
            .andExpect(jsonPath("$.a[0][0].length()").value(4))
            .andExpect(jsonPath("$.a[4][1][0]").value(closeTo(-0.99999375, PRINTED), Double.class))
            .andExpect(jsonPath("$.a[4][1][1]").value(closeTo(0.77911235, PRINTED), Double.class))
            .andExpect(jsonPath("$.y_pred[1][3][0]").value(closeTo(0.79560373, PRINTED), Double.class));
    }

    @Test
    void sequenceBackwardPrintsTheSeedsNumbers() throws Exception {
        call("rnn/sequence/backward", request("rnn/sequence/backward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.dx[1][2][0]").value(closeTo(-2.07101689, PRINTED), Double.class))
            .andExpect(jsonPath("$.da0[2][3]").value(closeTo(-0.314942375127, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWax[3][1]").value(closeTo(11.2641044965, 1e-10), Double.class))
            .andExpect(jsonPath("$.dWaa[1][2]").value(closeTo(2.30333312658, 1e-11), Double.class))
            .andExpect(jsonPath("$.dba[4][0]").value(closeTo(-0.74747722, PRINTED), Double.class));
    }

    @Test
    void aBiasMayBeOneDimensional() throws Exception {
        ObjectNode body = request("rnn/cell/forward");
        ObjectNode parameters = (ObjectNode) body.get("parameters");
        var flat = Examples.JSON.createArrayNode();
        parameters.get("ba").forEach(row -> flat.add(row.get(0)));
        parameters.set("ba", flat);
        call("rnn/cell/forward", body).andExpect(status().isOk())
            .andExpect(jsonPath("$.a_next[4][0]").value(closeTo(0.59584544, PRINTED), Double.class));
    }

    @Test
    void waxOfTheWrongWidthNamesTheFieldAndBothShapes() throws Exception {
        ObjectNode body = request("rnn/cell/forward");
        ((ObjectNode) body.get("parameters")).set("Wax", Examples.JSON.readTree("[[1,2],[1,2],[1,2],[1,2],[1,2]]"));
        call("rnn/cell/forward", body).andExpect(status().isUnprocessableContent())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors.length()").value(1))
            .andExpect(jsonPath("$.errors[0].field").value("parameters.Wax"))
            .andExpect(jsonPath("$.errors[0].message").value("expected shape (n_a, n_x) = (5, 3), got (5, 2)"));
    }

    @Test
    void aBatchSizeThatDisagreesIsNamed() throws Exception {
        ObjectNode body = request("rnn/sequence/backward");
        body.set("da", Examples.JSON.readTree("[[[1,2,3,4]]]"));
        call("rnn/sequence/backward", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("da"))
            .andExpect(jsonPath("$.errors[0].message").value("expected shape (n_a, m, T_x) = (5, 10, 4), got (1, 1, 4)"));
    }

    @Test
    void everyProblemIsListed() throws Exception {
        ObjectNode body = request("rnn/cell/forward");
        body.remove("a_prev");
        ((ObjectNode) body.get("parameters")).set("Waa", Examples.JSON.readTree("[[1]]"));
        ((ObjectNode) body.get("parameters")).remove("by");
        call("rnn/cell/forward", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors.length()").value(3))
            .andExpect(jsonPath("$.errors[0].field").value("a_prev"))
            .andExpect(jsonPath("$.errors[0].message").value("is required: a tensor of shape (n_a, m) = (5, 10)"))
            .andExpect(jsonPath("$.errors[1].field").value("parameters.Waa"))
            .andExpect(jsonPath("$.errors[1].message", containsString("(n_a, n_a) = (5, 5)")))
            .andExpect(jsonPath("$.errors[2].field").value("parameters.by"));
    }
}
