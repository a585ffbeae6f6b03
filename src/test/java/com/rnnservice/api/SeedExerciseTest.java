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

/**
 * The numbers the exercise prints for its RNN and LSTM test recipes (np.random.seed(1)), at the digits it prints
 * them, and the exercise's own shapes in the errors a request of it gets. Every family's numbers are checked against
 * NumPy by {@link ReferenceFixturesTest}; this is what a learner following the exercise sees.
 */
@WebMvcTest
@Import(ServiceSlice.class)
class SeedExerciseTest {

    private static final double PRINTED = 5e-9;

    @Autowired
    private MockMvc mvc;

    private ResultActions call(String endpoint, Object body) throws Exception {
        return this.mvc.perform(post("/api/v1/" + endpoint).contentType(MediaType.APPLICATION_JSON).content(text(body)));
    }

    @Test
    void rnnCellForwardPrintsTheSeedsNumbers() throws Exception {
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
    void rnnCellBackwardPrintsTheSeedsNumbers() throws Exception {
        call("rnn/cell/backward", request("rnn/cell/backward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.dxt[1][2]").value(closeTo(-1.3872130506, 1e-10), Double.class))
            .andExpect(jsonPath("$.da_prev[2][3]").value(closeTo(-0.152399493774, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWax[3][1]").value(closeTo(0.410772824935, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWaa[1][2]").value(closeTo(1.15034506685, 1e-11), Double.class))
            .andExpect(jsonPath("$.dba.length()").value(5))
            .andExpect(jsonPath("$.dba[4][0]").value(closeTo(0.20023491, PRINTED), Double.class));
    }
    @Test
    void rnnSequenceForwardPrintsTheSeedsNumbers() throws Exception {
        call("rnn/sequence/forward", request("rnn/sequence/forward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.a.length()").value(5))
            .andExpect(jsonPath("$.a[0].length()").value(10))
            .andExpect(jsonPath("$.a[0][0].length()").value(4))
            .andExpect(jsonPath("$.a[4][1][0]").value(closeTo(-0.99999375, PRINTED), Double.class))
            .andExpect(jsonPath("$.a[4][1][1]").value(closeTo(0.77911235, PRINTED), Double.class))
            .andExpect(jsonPath("$.y_pred[1][3][0]").value(closeTo(0.79560373, PRINTED), Double.class));
    }
    @Test
    void rnnSequenceBackwardPrintsTheSeedsNumbers() throws Exception {
        call("rnn/sequence/backward", request("rnn/sequence/backward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.dx[1][2][0]").value(closeTo(-2.07101689, PRINTED), Double.class))
            .andExpect(jsonPath("$.da0[2][3]").value(closeTo(-0.314942375127, 1e-12), Double.class))
            .andExpect(jsonPath("$.dWax[3][1]").value(closeTo(11.2641044965, 1e-10), Double.class))
            .andExpect(jsonPath("$.dWaa[1][2]").value(closeTo(2.30333312658, 1e-11), Double.class))
            .andExpect(jsonPath("$.dba[4][0]").value(closeTo(-0.74747722, PRINTED), Double.class));
    }
    @Test
    void rnnWaxOfTheWrongWidthNamesTheFieldAndBothShapes() throws Exception {
        ObjectNode body = request("rnn/cell/forward");
        ((ObjectNode) body.get("parameters")).set("Wax", Examples.JSON.readTree("[[1,2],[1,2],[1,2],[1,2],[1,2]]"));
        call("rnn/cell/forward", body).andExpect(status().isUnprocessableContent())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors.length()").value(1))
            .andExpect(jsonPath("$.errors[0].field").value("parameters.Wax"))
            .andExpect(jsonPath("$.errors[0].message").value("expected shape (n_a, n_x) = (5, 3), got (5, 2)"));
    }
    @Test
    void rnnABatchSizeThatDisagreesIsNamed() throws Exception {
        ObjectNode body = request("rnn/sequence/backward");
        body.set("da", Examples.JSON.readTree("[[[1,2,3,4]]]"));
        call("rnn/sequence/backward", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("da"))
            .andExpect(jsonPath("$.errors[0].message").value("expected shape (n_a, m, T_x) = (5, 10, 4), got (1, 1, 4)"));
    }
    @Test
    void rnnEveryProblemIsListed() throws Exception {
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
    @Test
    void lstmCellForwardPrintsTheSeedsNumbersAndTheGates() throws Exception {
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
    void lstmCellBackwardPrintsTheSeedsNumbers() throws Exception {
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
    void lstmSequenceForwardPrintsTheSeedsNumbers() throws Exception {
        call("lstm/sequence/forward", request("lstm/sequence/forward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.a[4][3][6]").value(closeTo(0.172117767533, 1e-12), Double.class))
            .andExpect(jsonPath("$.y_pred[1][4][3]").value(closeTo(0.95087346185, 1e-11), Double.class))
            .andExpect(jsonPath("$.c[1][2][1]").value(closeTo(-0.855544916718, 1e-12), Double.class))
            .andExpect(jsonPath("$.a[0][0].length()").value(7));
    }
    @Test
    void lstmSequenceBackwardPrintsTheSeedsNumbers() throws Exception {
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
    void lstmWfOfTheWrongWidthNamesTheSumOfSymbols() throws Exception {
        ObjectNode body = request("lstm/cell/forward");
        ((ObjectNode) body.get("parameters")).set("Wf", Examples.JSON.valueToTree(new double[5][7]));
        call("lstm/cell/forward", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors.length()").value(1))
            .andExpect(jsonPath("$.errors[0].field").value("parameters.Wf"))
            .andExpect(jsonPath("$.errors[0].message").value("expected shape (n_a, n_a + n_x) = (5, 8), got (5, 7)"));
    }
    @Test
    void lstmNXIsInferredFromTheGateWidthsWhenXtIsMissing() throws Exception {
        ObjectNode body = request("lstm/cell/forward");
        body.remove("xt");
        call("lstm/cell/forward", body).andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors.length()").value(1))
            .andExpect(jsonPath("$.errors[0].field").value("xt"))
            .andExpect(jsonPath("$.errors[0].message").value("is required: a tensor of shape (n_x, m) = (3, 10)"));
    }
}
