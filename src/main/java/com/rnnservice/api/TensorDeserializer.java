package com.rnnservice.api;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.jackson.JacksonComponent;

import com.rnnservice.service.Tensor;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads a tensor, a nested JSON array of numbers in NumPy's axis order, straight from the token stream into the
 * one array the maths reads: a (rows, cols) tensor row-major, a (rows, m, T_x) tensor with each time step's (rows, m)
 * side by side ({@link Tensor#ofSteps}), so that no copy is made between the request and the computation. A
 * ragged array or an entry that is not a finite number ({@code NaN}, {@code Infinity}, {@code 1e400},
 * {@code null}, {@code "NaN"}) becomes an {@link Tensor#invalid invalid} tensor, to be reported with the request's
 * other problems as a 422; a value of another JSON type (a string, an object, {@code true}) is a
 * {@link TensorTypeException}, a 400.
 */
@JacksonComponent
public class TensorDeserializer extends ValueDeserializer<Tensor> {

    @Override
    public Tensor deserialize(JsonParser parser, DeserializationContext context) {
        return read(parser);
    }

    /** The tensor at the parser's current token. */
    static Tensor read(JsonParser parser) {
        return new Reader(parser).read();
    }

    /** Raised for a value of the wrong JSON type inside a tensor; its message is meant for clients. */
    public static final class TensorTypeException extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        TensorTypeException(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    /** One tensor's reading: the axis lengths seen so far, the entries, and the first problem found. */
    private static final class Reader {

        private final JsonParser parser;

        /** lengths[d]: the number of entries of the first array closed at depth d, or -1. */
        private int[] lengths = new int[4];

        /** index[d]: the position, in its array at depth d, of the entry being read; an error's path is built from it. */
        private int[] index = new int[4];

        private int rank = -1;

        private int depthReached;

        private double[] values = new double[64];

        private int count;

        /**
         * For a tensor of rank 3, (rows, m, T) once its first row has closed: m · T, the entries of a row. From then
         * on each entry goes where its step's column lies, rather than in NumPy's order.
         */
        private int rowSize;

        private @Nullable String problem;

        Reader(JsonParser parser) {
            this.parser = parser;
            Arrays.fill(this.lengths, -1);
        }

        Tensor read() {
            JsonToken token = this.parser.currentToken();
            if (token == JsonToken.START_ARRAY) {
                readArray(0);
            }
            else {
                this.rank = 0;
                readEntry(0);
            }
            if (this.problem != null) {
                return Tensor.invalid(this.problem);
            }
            int axes = this.rank >= 0 ? this.rank : this.depthReached;
            int[] shape = Arrays.copyOf(this.lengths, axes);
            double[] entries = this.values.length == this.count ? this.values : Arrays.copyOf(this.values, this.count);
            if (this.rank == 3) {
                // the first row was laid out as the maths reads time steps when it closed, every later one as it came
                return Tensor.ofSteps(shape[0], shape[1], shape[2], entries);
            }
            return Tensor.of(shape, entries);
        }

        private void readArray(int depth) {
            if (depth >= this.lengths.length) {
                int old = this.lengths.length;
                this.lengths = Arrays.copyOf(this.lengths, old * 2);
                Arrays.fill(this.lengths, old, this.lengths.length, -1);
                this.index = Arrays.copyOf(this.index, old * 2);
            }
            this.depthReached = Math.max(this.depthReached, depth + 1);
            int entries = 0;
            for (JsonToken token = this.parser.nextToken(); token != JsonToken.END_ARRAY; token = this.parser.nextToken()) {
                this.index[depth] = entries;
                if (token == JsonToken.START_ARRAY) {
                    if (this.rank >= 0 && depth + 1 >= this.rank) {
                        ragged(path(depth + 1) + " is an array where other entries at that depth are numbers");
                    }
                    readArray(depth + 1);
                }
                else {
                    if (this.rank < 0) {
                        this.rank = depth + 1;
                        if (this.depthReached > this.rank) {
                            // an earlier entry opened an array here, empty so that it held no number: [[[], 1]]
                            ragged(path(depth + 1) + " is a number where an earlier entry at that depth is an array");
                        }
                    }
                    else if (this.rank != depth + 1) {
                        ragged(path(depth + 1) + " is a number where other entries at that depth are arrays");
                    }
                    readEntry(depth + 1);
                }
                entries++;
            }
            if (this.lengths[depth] < 0) {
                this.lengths[depth] = entries;
                if (depth == 1 && this.rank == 3 && this.problem == null) {
                    // the first row is read, in NumPy's order: now m and T are known, lay it out as every later row
                    int m = this.lengths[1];
                    int steps = this.lengths[2];
                    toSteps(this.values, 0, m, steps);
                    this.rowSize = m * steps;
                }
            }
            else if (this.lengths[depth] != entries) {
                ragged((depth == 0 ? "the array" : path(depth)) + " has " + entries(entries) + " where the first array at that depth has "
                        + entries(this.lengths[depth]));
            }
        }

        /** The path of the entry being read at the given depth, [i][j]…, made only for an error message. */
        private String path(int depth) {
            StringBuilder path = new StringBuilder();
            for (int d = 0; d < depth; d++) {
                path.append('[').append(this.index[d]).append(']');
            }
            return path.toString();
        }

        /** Reads the number at the current token, {@code depth} arrays deep (0: the tensor is a bare number). */
        private void readEntry(int depth) {
            JsonToken token = this.parser.currentToken();
            double value;
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                value = this.parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    String literal = this.parser.getString();
                    notFinite(depth, this.parser.isNaN() ? literal : literal + ", which overflows a double");
                }
            }
            else if (token == JsonToken.VALUE_NULL) {
                notFinite(depth, "null");
                value = 0;
            }
            else if (token == JsonToken.VALUE_STRING && isNonFiniteName(this.parser.getString())) {
                notFinite(depth, "\"" + this.parser.getString() + "\"");
                value = 0;
            }
            else {
                throw new TensorTypeException(this.parser, "must be a number or a nested array of numbers; "
                        + (depth == 0 ? "got " : path(depth) + " is ") + describe(token));
            }
            int at = this.count;
            if (this.rowSize > 0) {
                // entry (i, j, t) of a (rows, m, T) tensor at i·m·T + t·m + j: step t's columns side by side
                int m = this.lengths[1];
                int j = this.index[1];
                int t = this.index[2];
                if (this.problem != null || j >= m || t >= this.lengths[2]) {
                    // a ragged row, about to be reported: its entries are never read
                    at = -1;
                }
                else {
                    at = this.index[0] * this.rowSize + t * m + j;
                }
            }
            if (Math.max(at, this.count) >= this.values.length) {
                this.values = Arrays.copyOf(this.values, Math.max(Math.max(at, this.count) + 1, this.values.length * 2));
            }
            if (at >= 0) {
                this.values[at] = value;
            }
            this.count++;
        }

        /** Entries [from, from + m·T) from NumPy's order, (j, t) at j·T + t, to time steps side by side, at t·m + j. */
        private static void toSteps(double[] values, int from, int m, int steps) {
            double[] row = Arrays.copyOfRange(values, from, from + m * steps);
            for (int j = 0; j < m; j++) {
                for (int t = 0; t < steps; t++) {
                    values[from + t * m + j] = row[j * steps + t];
                }
            }
        }

        private void ragged(String where) {
            if (this.problem == null) {
                this.problem = "is ragged: " + where + "; a tensor's arrays at one depth must have equal lengths";
            }
        }

        private void notFinite(int depth, String what) {
            if (this.problem == null) {
                this.problem = "must hold finite numbers only: " + (depth == 0 ? "it" : path(depth)) + " is " + what;
            }
        }

        private static String entries(int count) {
            return count + (count == 1 ? " entry" : " entries");
        }

        private static boolean isNonFiniteName(String text) {
            return switch (text) {
                case "NaN", "Infinity", "+Infinity", "-Infinity", "INF", "-INF", "inf", "-inf", "nan" -> true;
                default -> false;
            };
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case VALUE_STRING -> "a string";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case START_OBJECT -> "an object";
                default -> "not a number";
            };
        }
    }
}
