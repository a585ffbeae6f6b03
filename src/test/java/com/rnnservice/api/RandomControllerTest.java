package com.rnnservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.rnnservice.math.PlatformLog;

import tools.jackson.databind.JsonNode;

/**
 * randn: the exercise's rnn_cell_forward tensors from seed 1 alone, and the errors of its input.
 * Bit-for-bit agreement with NumPy over many seeds and shapes is {@link ReferenceFixturesTest}'s.
 */
@WebMvcTest(RandomController.class)
@Import(ServiceSlice.class)
class RandomControllerTest {

    @Autowired
    private MockMvc mvc;

    private ResultActions call(String body) throws Exception {
        return this.mvc.perform(post("/api/v1/random/randn").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void seedOneGivesTheExercisesTensors() throws Exception {
        String body = call("{\"seed\": 1, \"shapes\": [[3, 10], [5, 10], [5, 5]]}").andExpect(status().isOk())
            .andReturn().getResponse().getContentAsString();
        JsonNode arrays = Examples.JSON.readTree(body).get("arrays");
        JsonNode example = Examples.request("rnn/cell/forward");
        assertThat(arrays.get(0)).isEqualTo(example.get("xt"));
        assertThat(arrays.get(1)).isEqualTo(example.get("a_prev"));
        assertThat(arrays.get(2)).isEqualTo(example.get("parameters").get("Waa"));
    }

    @Test
    void anEmptyShapeDrawsOneNumberAndAZeroSizeDrawsNone() throws Exception {
        call("{\"seed\": 1, \"shapes\": [[], [2, 0], [1]]}").andExpect(status().isOk())
            .andExpect(jsonPath("$.arrays[0]").value(1.6243453636632417))
            .andExpect(jsonPath("$.arrays[1].length()").value(2))
            .andExpect(jsonPath("$.arrays[1][0].length()").value(0))
            .andExpect(jsonPath("$.arrays[2][0]").value(-0.6117564136500754));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"seed\": -1, \"shapes\": [[1]]}|seed|must be a whole number from 0 to 2^32 - 1 (4294967295), as NumPy requires; got -1.0",
            "{\"seed\": 4294967296, \"shapes\": [[1]]}|seed|must be a whole number from 0 to 2^32 - 1 (4294967295), as NumPy requires; got 4.294967296E9",
            "{\"seed\": 1.5, \"shapes\": [[1]]}|seed|must be a whole number from 0 to 2^32 - 1 (4294967295), as NumPy requires; got 1.5",
            "{\"shapes\": [[1]]}|seed|is required: a whole number from 0 to 2^32 - 1 (4294967295)",
            "{\"seed\": 1}|shapes|is required: a list of shapes such as [[3, 10], [5, 10]]",
            "{\"seed\": 1, \"shapes\": [[3, -1]]}|shapes[0]|sizes must be whole numbers from 0 up; shapes[0][1] is -1.0",
            "{\"seed\": 1, \"shapes\": [[2.5]]}|shapes[0]|sizes must be whole numbers from 0 up; shapes[0][0] is 2.5" })
    void badSeedsAndShapesAreNamed(String body, String field, String message) throws Exception {
        call(body).andExpect(status().isUnprocessableContent())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[0].field").value(field))
            .andExpect(jsonPath("$.errors[0].message").value(message));
    }

    @Test
    void tooManyNumbersAreRefusedBeforeDrawing() throws Exception {
        call("{\"seed\": 1, \"shapes\": [[100000, 100000]]}").andExpect(status().isContentTooLarge())
            .andExpect(jsonPath("$.property").value("rnn.limits.randn-max-entries"));
    }

    /**
     * Where the build made the JNI shim for this platform (every Linux build with a C compiler; CI requires it with
     * RNN_REQUIRE_NATIVE=true) it must load, so that randn is bit for bit NumPy's; only a build without it falls back
     * to Math.log.
     */
    @Test
    void theCLibrarysLogIsLoadedWhereverTheBuildMadeIt() {
        boolean built = PlatformLog.class.getResource("/native/linux-" + System.getProperty("os.arch")
                + "/libplatformlog.so") != null;
        boolean required = "true".equals(System.getenv("RNN_REQUIRE_NATIVE"));
        assertThat(PlatformLog.isNative()).as("the shim was built: " + built + "; RNN_REQUIRE_NATIVE: " + required)
            .isEqualTo(built || required);
        assertThat(PlatformLog.log(Math.E)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
    }
}
