package com.rnnservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rnnservice.service.Tensor;

import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** Reading nested JSON arrays into tensors: shapes, and every way an array can fail to be one. */
class TensorDeserializerTest {

    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .addModule(new SimpleModule().addDeserializer(Tensor.class, new TensorDeserializer()))
        .build();

    private static Tensor read(String json) {
        return JSON.readValue(json, Tensor.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "[[1, 2, 3], [4, 5, 6]]|(2, 3)", "[1.5, -2]|(2,)", "[[[1], [2]]]|(1, 2, 1)",
            "[[[1, 2, 3, 4]]]|(1, 1, 4)", "[]|(0,)", "[[], []]|(2, 0)", "[[[]]]|(1, 1, 0)", "3|()", "[[7]]|(1, 1)" })
    void readsTheShape(String json, String shape) {
        Tensor tensor = read(json);
        assertThat(tensor.problem()).isNull();
        assertThat(tensor.shapeText()).isEqualTo(shape);
    }

    @Test
    void aSequenceIsReadAsItsTimeStepsSideBySide() {
        // x[i][j][t] = 100 i + 10 j + t, shape (2, 3, 4): row i holds step 0's three examples, then step 1's, ...
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 2; i++) {
            json.append(i > 0 ? ", [" : "[");
            for (int j = 0; j < 3; j++) {
                json.append(j > 0 ? ", [" : "[");
                for (int t = 0; t < 4; t++) {
                    json.append(t > 0 ? ", " : "").append(100 * i + 10 * j + t);
                }
                json.append("]");
            }
            json.append("]");
        }
        Tensor tensor = read(json.append("]").toString());
        assertThat(tensor.shapeText()).isEqualTo("(2, 3, 4)");
        assertThat(tensor.strides()).containsExactly(12, 1, 3);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int t = 0; t < 4; t++) {
                    assertThat(tensor.get(i, j, t)).isEqualTo(100 * i + 10 * j + t);
                    assertThat(tensor.array()[i * 12 + t * 3 + j]).isEqualTo(100 * i + 10 * j + t);
                }
            }
        }
    }

    @Test
    void emptyAxesAreEmpty() {
        assertThat(read("[[], []]").isEmpty()).isTrue();
        assertThat(read("[[1]]").isEmpty()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[[1, 2], [3]]|is ragged: [1] has 1 entry where the first array at that depth has 2 entries",
            "[[1, 2], 3]|is ragged: [1] is a number where other entries at that depth are arrays",
            "[1, [2]]|is ragged: [1] is an array where other entries at that depth are numbers",
            "[[[1, 2]], [[3], [4]]]|is ragged: [1][0] has 1 entry where the first array at that depth has 2 entries",
            // found by the fuzz test: an empty array before the first number once slipped through as a missing entry
            "[[[], 1, 2], [3, 4, 5]]|is ragged: [0][1] is a number where an earlier entry at that depth is an array",
            "[[[[]]], [[1]]]|is ragged: [1][0][0] is a number where an earlier entry at that depth is an array",
            "[[1, NaN]]|must hold finite numbers only: [0][1] is NaN",
            "[[Infinity]]|must hold finite numbers only: [0][0] is Infinity",
            "[[1], [-1e400]]|must hold finite numbers only: [1][0] is -1e400, which overflows a double",
            "[[\"-Infinity\"]]|must hold finite numbers only: [0][0] is \"-Infinity\"",
            "[null]|must hold finite numbers only: [0] is null",
            // deeper than the reader's first arrays of lengths and positions (4), which then grow
            "[[[[[[1, 2]], [[3, null]]]]]]|must hold finite numbers only: [0][0][0][1][0][1] is null",
            "[[[[[[1, 2]], [[3]]]]]]|is ragged: [0][0][0][1][0] has 1 entry where the first array at that depth has 2 entries",
            "NaN|must hold finite numbers only: it is NaN" })
    void saysWhyAnArrayIsNotATensor(String json, String problem) {
        assertThat(read(json).problem()).startsWith(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "[[1, \"a\"]]|[0][1] is a string", "[true]|[0] is a boolean",
            "[[{}]]|[0][0] is an object", "\"x\"|got a string" })
    void refusesOtherJsonTypes(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(TensorDeserializer.TensorTypeException.class)
            .hasMessageContaining(message);
    }
}
