package com.rnnservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's JSON mapper writes tensors a row at a time with {@link DoubleRowSerializer}, and
 * what it writes is, byte for byte, what Jackson's fast double writer alone writes.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DoubleRowSerializerTest {

    private static final JsonMapper JACKSON_ALONE = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    @Autowired
    private JsonMapper application;

    private record Answer(double[][][] dx, double[][] dWax, double[] row) {
    }

    @Test
    void theApplicationsMapperHasIt() {
        assertThat(this.application.registeredModules()).extracting(JacksonModule::getModuleName).contains("rnn-tensor-writing");
    }

    @Test
    void writesWhatJacksonWritesAsBytesAndAsAString() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int a = 1 + random.nextInt(4);
            int b = random.nextInt(5);
            int c = random.nextInt(300);
            double[][][] dx = new double[a][b][c];
            for (double[][] matrix : dx) {
                for (double[] row : matrix) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
                    }
                }
            }
            Answer answer = new Answer(dx, new double[][] { { 1.0, -0.0, 1e7, 1e-3, Double.MIN_VALUE }, {} },
                    new double[] { random.nextDouble() });
            assertThat(this.application.writeValueAsBytes(answer)).isEqualTo(JACKSON_ALONE.writeValueAsBytes(answer));
            assertThat(this.application.writeValueAsString(answer)).isEqualTo(JACKSON_ALONE.writeValueAsString(answer));
        }
    }

    @Test
    void longRowsAreWrittenInPartsWithTheSameBytes() {
        Random random = new Random(4);
        for (int length : new int[] { DoubleRowSerializer.PART - 1, DoubleRowSerializer.PART, DoubleRowSerializer.PART + 1,
                2 * DoubleRowSerializer.PART, 100_000 }) {
            double[] row = random.doubles(length).map(v -> (v - 0.5) * 1e3).toArray();
            Answer answer = new Answer(new double[][][] { { row, { 1.0 } } }, new double[][] { row }, row);
            assertThat(this.application.writeValueAsBytes(answer)).isEqualTo(JACKSON_ALONE.writeValueAsBytes(answer));
            assertThat(this.application.writeValueAsString(answer)).isEqualTo(JACKSON_ALONE.writeValueAsString(answer));
        }
    }

    @Test
    void aRowWithANonFiniteEntryIsLeftToJackson() {
        double[] longRow = new double[3 * DoubleRowSerializer.PART];
        longRow[longRow.length - 1] = Double.NaN;
        double[][] tensor = { { 1.5, Double.NaN, Double.POSITIVE_INFINITY }, { 2.5 }, longRow };
        assertThat(this.application.writeValueAsString(tensor)).isEqualTo(JACKSON_ALONE.writeValueAsString(tensor));
    }
}
