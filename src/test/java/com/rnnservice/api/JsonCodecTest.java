package com.rnnservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.rnnservice.math.Matrix;
import com.rnnservice.math.Steps;
import com.rnnservice.service.Answer;
import com.rnnservice.service.Tensor;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON codec writes an answer's tensors from the maths' arrays, through their views' strides, as exactly the
 * bytes Jackson's fast double writer writes for the same numbers in NumPy's nested order; and what it reads of a
 * request is what it was sent.
 */
class JsonCodecTest {

    private static final JsonMapper JACKSON_ALONE = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
        .build();

    private final JsonCodec codec = new JsonCodec(JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .addModule(new tools.jackson.databind.module.SimpleModule().addDeserializer(Body.class, new BodyReader())
            .addDeserializer(Tensor.class, new TensorDeserializer()))
        .build());

    private String write(Answer answer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        this.codec.write(answer, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** (rows, m, T) as NumPy nests it, from time steps side by side: an independent reading of the same layout. */
    private static double[][][] nested(Steps steps) {
        double[][][] out = new double[steps.rows()][steps.m()][steps.count()];
        for (int i = 0; i < steps.rows(); i++) {
            for (int j = 0; j < steps.m(); j++) {
                for (int t = 0; t < steps.count(); t++) {
                    out[i][j][t] = steps.all().getEntry(i, t * steps.m() + j);
                }
            }
        }
        return out;
    }

    @Test
    void writesWhatJacksonWritesOfTheNestedArrays() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 1 + random.nextInt(4);
            int m = 1 + random.nextInt(5);
            int count = 1 + random.nextInt(30);
            // time steps within a wider array, and a row view of them, as an answer's tensors are
            Matrix wide = new Matrix(rows + 2, count * m);
            for (int i = 0; i < wide.getRowDimension(); i++) {
                for (int j = 0; j < wide.getColumnDimension(); j++) {
                    wide.setEntry(i, j, random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15));
                }
            }
            Steps steps = new Steps(wide, m).rows(1, rows + 1);
            Matrix matrix = Matrix.of(new double[][] { { 1.0, -0.0, 1e7, 1e-3, Double.MIN_VALUE }, { 2, 3, 4, 5, 6 } });
            double[] losses = { random.nextDouble(), 1e300 };
            Answer answer = new Answer().put("dx", steps).put("dWax", matrix.view(0, 2, 1, 3)).put("losses", losses)
                .put("loss", 0.1 + 0.2).put("step", 7).put("passed", true);
            answer.object("state").put("m", matrix);

            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("dx", nested(steps));
            expected.put("dWax", matrix.view(0, 2, 1, 3).getData());
            expected.put("losses", losses);
            expected.put("loss", 0.1 + 0.2);
            expected.put("step", 7);
            expected.put("passed", true);
            expected.put("state", Map.of("m", matrix.getData()));
            assertThat(write(answer)).isEqualTo(JACKSON_ALONE.writeValueAsString(expected));
        }
    }

    @Test
    void longRowsZeroSizesAndBareNumbers() {
        Random random = new Random(4);
        for (int length : new int[] { JsonCodec.PART - 1, JsonCodec.PART, JsonCodec.PART + 1, 2 * JsonCodec.PART, 100_000 }) {
            double[] row = random.doubles(length).map(v -> (v - 0.5) * 1e3).toArray();
            Answer answer = new Answer().put("arrays", List.of(Tensor.of(new int[] { 2, length / 2 }, java.util.Arrays.copyOf(row, 2 * (length / 2))),
                    Tensor.vector(row)));
            Map<String, Object> expected = Map.of("arrays", List.of(Matrix.wrap(java.util.Arrays.copyOf(row, 2 * (length / 2)), 2,
                    length / 2).getData(), row));
            assertThat(write(answer)).isEqualTo(JACKSON_ALONE.writeValueAsString(expected));
        }
        Answer odd = new Answer().put("arrays", List.of(Tensor.scalar(1.6243453636632417), Tensor.of(new int[] { 2, 0 },
                new double[0]), Tensor.of(new int[] { 0, 3 }, new double[0])));
        assertThat(write(odd)).isEqualTo("{\"arrays\":[1.6243453636632417,[[],[]],[]]}");
    }

    @Test
    void aRowWithANonFiniteEntryIsLeftToTheGenerator() {
        double[] values = { 1.5, Double.NaN, Double.POSITIVE_INFINITY, 2.5 };
        Answer answer = new Answer().put("echo", Tensor.of(new int[] { 2, 2 }, values));
        assertThat(write(answer)).isEqualTo(JACKSON_ALONE.writeValueAsString(Map.of("echo",
                new double[][] { { 1.5, Double.NaN }, { Double.POSITIVE_INFINITY, 2.5 } })));
    }

    @Test
    void readsARequestAgainstItsMessage() {
        Message message = Messages.sequenceForwardRequest(com.rnnservice.math.CellTypes.LSTM);
        String json = "{\"x\": [[[1, 2], [3, 4]]], \"a0\": [[5, 6]], \"return_gates\": true, "
                + "\"parameters\": {\"Wf\": [[7, 8]], \"by\": [9]}}";
        Body body = this.codec.read(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), message);
        Tensor x = body.tensor("x");
        assertThat(x.shapeText()).isEqualTo("(1, 2, 2)");
        assertThat(x.get(0, 1, 0)).isEqualTo(3);
        assertThat(body.tensor("c0")).isNull();
        assertThat(body.value("return_gates", Boolean.class)).isTrue();
        assertThat(body.tensors("parameters")).containsOnlyKeys("Wf", "by");
        assertThat(body.tensors("parameters").get("by").shapeText()).isEqualTo("(1,)");
    }
}
