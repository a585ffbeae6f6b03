package com.rnnservice.api;

import static com.rnnservice.api.Examples.request;
import static com.rnnservice.api.Examples.text;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;


import tools.jackson.databind.node.ObjectNode;

/**
 * The GRU endpoints' shapes, gates and errors (their numbers are checked against NumPy by
 * {@link ReferenceFixturesTest}), and {@code return_gates} on every cell's sequence forward.
 */
@WebMvcTest({ GruController.class, LstmController.class, RnnController.class })
@Import(ServiceSlice.class)
class GruControllerTest {

    @Autowired
    private MockMvc mvc;

    private ResultActions call(String endpoint, Object body) throws Exception {
        return this.mvc.perform(post("/api/v1/" + endpoint).contentType(MediaType.APPLICATION_JSON).content(text(body)));
    }

    @Test
    void cellForwardReturnsTheStateThePredictionAndTheGates() throws Exception {
        call("gru/cell/forward", request("gru/cell/forward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.a_next.length()").value(5))
            .andExpect(jsonPath("$.a_next[0].length()").value(10))
            .andExpect(jsonPath("$.yt_pred.length()").value(2))
            .andExpect(jsonPath("$.gates.rt.length()").value(5))
            .andExpect(jsonPath("$.gates.ut[0].length()").value(10))
            .andExpect(jsonPath("$.gates.cct").isArray())
            .andExpect(jsonPath("$.c_next").doesNotExist());
    }

    @Test
    void cellBackwardReturnsEveryGradient() throws Exception {
        call("gru/cell/backward", request("gru/cell/backward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.dxt.length()").value(3))
            .andExpect(jsonPath("$.da_prev.length()").value(5))
            .andExpect(jsonPath("$.dWr[0].length()").value(8))
            .andExpect(jsonPath("$.dWu[0].length()").value(8))
            .andExpect(jsonPath("$.dWc[0].length()").value(8))
            .andExpect(jsonPath("$.dbr[0].length()").value(1))
            .andExpect(jsonPath("$.dbu.length()").value(5))
            .andExpect(jsonPath("$.dbc.length()").value(5));
    }

    @Test
    void sequenceBackwardReturnsEveryGradient() throws Exception {
        call("gru/sequence/backward", request("gru/sequence/backward")).andExpect(status().isOk())
            .andExpect(jsonPath("$.dx[0][0].length()").value(4))
            .andExpect(jsonPath("$.da0.length()").value(5))
            .andExpect(jsonPath("$.dWc.length()").value(5))
            .andExpect(jsonPath("$.dc0").doesNotExist());
    }

    @Test
    void wrOfTheWrongWidthNamesTheFieldAndTheSymbols() throws Exception {
        ObjectNode body = request("gru/cell/forward");
        ((ObjectNode) body.get("parameters")).set("Wr", Examples.JSON.valueToTree(new double[5][3]));
        call("gru/cell/forward", body).andExpect(status().isUnprocessableContent())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors.length()").value(1))
            .andExpect(jsonPath("$.errors[0].field").value("parameters.Wr"))
            .andExpect(jsonPath("$.errors[0].message").value("expected shape (n_a, n_a + n_x) = (5, 8), got (5, 3)"));
    }

    @Test
    void gruSequenceGatesComeOnlyWhenAskedFor() throws Exception {
        ObjectNode body = request("gru/sequence/forward");
        call("gru/sequence/forward", body).andExpect(status().isOk()).andExpect(jsonPath("$.gates").doesNotExist());
        body.put("return_gates", false);
        call("gru/sequence/forward", body).andExpect(status().isOk()).andExpect(jsonPath("$.gates").doesNotExist());
        body.put("return_gates", true);
        call("gru/sequence/forward", body).andExpect(status().isOk())
            .andExpect(jsonPath("$.gates.rt.length()").value(5))
            .andExpect(jsonPath("$.gates.rt[0].length()").value(10))
            .andExpect(jsonPath("$.gates.rt[0][0].length()").value(4))
            .andExpect(jsonPath("$.gates.ut[4][9].length()").value(4))
            .andExpect(jsonPath("$.gates.cct[4][9].length()").value(4))
            .andExpect(jsonPath("$.gates.ft").doesNotExist());
    }

    @Test
    void lstmSequenceGatesComeOnlyWhenAskedFor() throws Exception {
        ObjectNode body = request("lstm/sequence/forward");
        call("lstm/sequence/forward", body).andExpect(status().isOk()).andExpect(jsonPath("$.gates").doesNotExist());
        body.put("return_gates", true);
        call("lstm/sequence/forward", body).andExpect(status().isOk())
            .andExpect(jsonPath("$.gates.ft.length()").value(5))
            .andExpect(jsonPath("$.gates.it[0].length()").value(10))
            .andExpect(jsonPath("$.gates.cct[0][0].length()").value(7))
            .andExpect(jsonPath("$.gates.ot[4][9].length()").value(7));
    }

    @Test
    void theRnnHasNoGatesToReturn() throws Exception {
        ObjectNode body = request("rnn/sequence/forward");
        body.put("return_gates", true);
        call("rnn/sequence/forward", body).andExpect(status().isOk())
            .andExpect(jsonPath("$.a").isArray())
            .andExpect(jsonPath("$.gates").doesNotExist());
    }

    @ParameterizedTest
    @ValueSource(strings = { "rnn", "lstm", "gru" })
    void returnGatesMustBeABoolean(String cell) throws Exception {
        ObjectNode body = request(cell + "/sequence/forward");
        body.set("return_gates", Examples.JSON.readTree("[1]"));
        call(cell + "/sequence/forward", body).andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[0].field").value("return_gates"))
            .andExpect(jsonPath("$.errors[0].message").value("has the wrong JSON type: expected true or false"));
    }
}
