package com.rnnservice.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

import com.rnnservice.math.CellType;
import com.rnnservice.math.Matrices;
import com.rnnservice.math.NetworkParameters;
import com.rnnservice.math.OutputLayer;
import com.rnnservice.math.ParameterShape;
import com.rnnservice.math.State;

/**
 * Reads a network's layers through a {@link ShapeCheck}: every layer in a scope of its own, where n_a is
 * that layer's and n_in the size of its input (n_x for layer 0, n_a or 2·n_a of the layer below), and
 * fields named by path ({@code layers[1].backward.Wf}). The top layer's output size is {@code n_out}.
 */
final class NetworkShapes {

    private NetworkShapes() {
    }

    /**
     * The layers as read: call {@link #resolve()} once {@link ShapeCheck#throwIfInvalid()} has passed, when
     * every layer's n_a and the batch size m are known and absent initial states can become zeros.
     */
    static final class Read {

        private final CellType type;

        private final ShapeCheck check;

        private final List<ReadLayer> layers;

        private Read(CellType type, ShapeCheck check, List<ReadLayer> layers) {
            this.type = type;
            this.check = check;
            this.layers = layers;
        }

        NetworkParameters resolve() {
            int m = size(this.check, "m");
            List<NetworkParameters.LayerParameters> resolved = new ArrayList<>();
            for (ReadLayer layer : this.layers) {
                int hidden = size(layer.scope(), "n_a");
                resolved.add(new NetworkParameters.LayerParameters(layer.forward(),
                        state(layer.a0(), layer.c0(), hidden, m), layer.backward(),
                        layer.backward() == null ? null : state(layer.a0Backward(), layer.c0Backward(), hidden, m)));
            }
            return new NetworkParameters(this.type, resolved);
        }

        /** Every parameter by path, as {@link NetworkParameters#byPath()} names them; usable before {@link #resolve()}. */
        Map<String, RealMatrix> byPath() {
            List<NetworkParameters.LayerParameters> unresolved = new ArrayList<>();
            State none = State.of(ShapeCheck.PLACEHOLDER);
            for (ReadLayer layer : this.layers) {
                unresolved.add(new NetworkParameters.LayerParameters(layer.forward(), none, layer.backward(),
                        layer.backward() == null ? null : none));
            }
            return new NetworkParameters(this.type, unresolved).byPath();
        }

        private State state(@Nullable RealMatrix a, @Nullable RealMatrix c, int hidden, int m) {
            RealMatrix a0 = a == null ? Matrices.zeros(hidden, m) : a;
            if (!this.type.hasMemory()) {
                return State.of(a0);
            }
            return new State(a0, c == null ? Matrices.zeros(hidden, m) : c);
        }

        private static int size(ShapeCheck check, String symbol) {
            Integer size = check.size(symbol);
            if (size == null) {
                throw new IllegalStateException(symbol + " is unknown after a passed shape check");
            }
            return size;
        }
    }

    private record ReadLayer(ShapeCheck scope, Map<String, RealMatrix> forward, @Nullable Map<String, RealMatrix> backward,
            @Nullable RealMatrix a0, @Nullable RealMatrix c0, @Nullable RealMatrix a0Backward,
            @Nullable RealMatrix c0Backward) {
    }

    /** Checks the layers: each against the one below, fields named by path. */
    static Read layers(ShapeCheck check, CellType type, @Nullable List<NetworkInputs.@Nullable Layer> layers) {
        List<ReadLayer> read = new ArrayList<>();
        if (layers == null || layers.isEmpty()) {
            check.reject("layers", "is required: a list of at least one layer, bottom first, each {\"forward\": {"
                    + names(type) + "}, \"backward\"?: {...}, \"a0\"?, " + (type.hasMemory() ? "\"c0\"?, " : "")
                    + "\"a0_backward\"?" + (type.hasMemory() ? ", \"c0_backward\"?" : "") + "}");
            return new Read(type, check, read);
        }
        Integer below = check.size("n_x");
        String belowText = "n_x, the rows of x";
        for (int l = 0; l < layers.size(); l++) {
            String field = "layers[" + l + "]";
            Integer inputSize = below;
            String inputText = belowText;
            ShapeCheck[] self = new ShapeCheck[1];
            ShapeCheck scope = check.scoped(Map.of("n_a", "n_a of " + field, "n_in", "n_in of " + field),
                    () -> "n_in = " + (self[0].size("n_in") == null ? "?" : self[0].size("n_in")) + " is " + inputText);
            self[0] = scope;
            if (inputSize != null) {
                scope.define("n_in", inputSize);
            }
            NetworkInputs.Layer layer = layers.get(l);
            if (layer == null) {
                check.reject(field, "must be an object with \"forward\" and, for a bidirectional layer, \"backward\"");
                below = null;
                continue;
            }
            Map<String, RealMatrix> forward = direction(scope, type, field + ".forward", layer.forward());
            Map<String, RealMatrix> backward = layer.backward() == null ? null
                    : direction(scope, type, field + ".backward", layer.backward());
            RealMatrix a0 = scope.optionalMatrix(field + ".a0", layer.a0(), "n_a", "m");
            RealMatrix c0 = scope.optionalMemory(type, field + ".c0", layer.c0());
            RealMatrix a0Backward = null;
            RealMatrix c0Backward = null;
            if (backward != null) {
                a0Backward = scope.optionalMatrix(field + ".a0_backward", layer.a0Backward(), "n_a", "m");
                c0Backward = scope.optionalMemory(type, field + ".c0_backward", layer.c0Backward());
            }
            else {
                onlyBidirectional(check, field + ".a0_backward", layer.a0Backward());
                onlyBidirectional(check, field + ".c0_backward", layer.c0Backward());
            }
            read.add(new ReadLayer(scope, forward, backward, a0, c0, a0Backward, c0Backward));
            Integer hidden = scope.size("n_a");
            int directions = backward == null ? 1 : 2;
            below = hidden == null ? null : directions * hidden;
            belowText = hidden == null ? "read from this layer's own weights: layer " + l + "'s output size is unknown, its own tensors being wrong"
                    : "layer " + l + "'s " + (directions == 2 ? "bidirectional output (2 · n_a = 2 · " + hidden + ")"
                            : "output (n_a = " + hidden + ")");
        }
        if (below != null) {
            check.define("n_out", below);
        }
        return new Read(type, check, read);
    }

    /** The output layer on the top layer's output: Wy (n_y, n_out), by (n_y, 1). */
    static OutputLayer output(ShapeCheck check, @Nullable Map<String, @Nullable Tensor> output, boolean required) {
        if (output == null) {
            if (required) {
                check.reject("output", "is required: {\"Wy\": (n_y, n_out), \"by\": (n_y, 1)} on the top layer's output");
            }
            return new OutputLayer(ShapeCheck.PLACEHOLDER, ShapeCheck.PLACEHOLDER);
        }
        return new OutputLayer(check.matrix("output.Wy", output.get("Wy"), "n_y", "n_out"),
                check.bias("output.by", output.get("by"), "n_y"));
    }

    private static Map<String, RealMatrix> direction(ShapeCheck scope, CellType type, String field,
            @Nullable Map<String, @Nullable Tensor> parameters) {
        Map<String, RealMatrix> read = new LinkedHashMap<>();
        if (parameters == null) {
            scope.reject(field, "is required: an object with " + names(type));
            type.parameters().forEach(shape -> read.put(shape.name(), ShapeCheck.PLACEHOLDER));
            return read;
        }
        for (ParameterShape shape : type.parameters()) {
            String name = field + "." + shape.name();
            Tensor tensor = parameters.get(shape.name());
            read.put(shape.name(), shape.isBias() ? scope.bias(name, tensor, shape.rows())
                    : scope.matrix(name, tensor, input(shape.rows()), input(shape.columns())));
        }
        return read;
    }

    /** A layer's weights read n_in where a single cell's read n_x. */
    private static String input(String dimension) {
        return dimension.replace("n_x", "n_in");
    }

    private static void onlyBidirectional(ShapeCheck check, String field, @Nullable Tensor tensor) {
        if (tensor != null) {
            check.reject(field, "belongs to a bidirectional layer: send the layer's \"backward\" parameters too, "
                    + "or leave it out");
        }
    }

    private static String names(CellType type) {
        return String.join(", ", type.parameters().stream().map(ParameterShape::name).toList());
    }
}
