package com.rnnservice.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.rnnservice.math.CellType;
import com.rnnservice.math.Dimension;
import com.rnnservice.math.Matrix;
import com.rnnservice.math.NetworkParameters;
import com.rnnservice.math.OutputLayer;
import com.rnnservice.math.ParameterShape;
import com.rnnservice.math.Parameters;
import com.rnnservice.math.State;
import com.rnnservice.math.Symbol;

/**
 * Reads a network's layers through a {@link ShapeCheck}: every layer in a scope of its own, where n_a is that
 * layer's and n_in the size of its input (n_x for layer 0, n_a or 2·n_a of the layer below), and fields named by
 * path ({@code layers[1].backward.Wf}). The top layer's output size is {@code n_out}.
 */
final class NetworkShapes {

    private NetworkShapes() {
    }

    /**
     * The layers as read: call {@link #resolve()} once {@link ShapeCheck#throwIfInvalid()} has passed, when every
     * layer's n_a and the batch size m are known and absent initial states can become zeros.
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

        /** The network's parameters, each direction's copied once into the stack its cell reads. */
        NetworkParameters resolve() {
            int m = size(this.check, Symbol.M);
            List<NetworkParameters.LayerParameters> resolved = new ArrayList<>();
            for (ReadLayer layer : this.layers) {
                int hidden = size(layer.scope(), Symbol.N_A);
                Map<String, Matrix> backward = layer.backward();
                resolved.add(new NetworkParameters.LayerParameters(Parameters.of(this.type, layer.forward()),
                        state(layer.a0(), layer.c0(), hidden, m), backward == null ? null : Parameters.of(this.type, backward),
                        backward == null ? null : state(layer.a0Backward(), layer.c0Backward(), hidden, m)));
            }
            return new NetworkParameters(this.type, resolved);
        }

        /** Every parameter by path, as {@link NetworkParameters#byPath()} names them, as sent; usable before {@link #resolve()}. */
        Map<String, Matrix> byPath() {
            Map<String, Matrix> flat = new LinkedHashMap<>();
            for (int l = 0; l < this.layers.size(); l++) {
                ReadLayer layer = this.layers.get(l);
                int at = l;
                layer.forward().forEach((name, value) -> flat.put(NetworkParameters.path(at, false, name), value));
                Map<String, Matrix> backward = layer.backward();
                if (backward != null) {
                    backward.forEach((name, value) -> flat.put(NetworkParameters.path(at, true, name), value));
                }
            }
            return flat;
        }

        private State state(@Nullable Matrix a, @Nullable Matrix c, int hidden, int m) {
            Matrix a0 = a == null ? new Matrix(hidden, m) : a;
            if (!this.type.hasMemory()) {
                return new State(a0, null);
            }
            return new State(a0, c == null ? new Matrix(hidden, m) : c);
        }

        private static int size(ShapeCheck check, Symbol symbol) {
            Integer size = check.size(symbol);
            if (size == null) {
                throw new IllegalStateException(symbol + " is unknown after a passed shape check");
            }
            return size;
        }
    }

    private record ReadLayer(ShapeCheck scope, Map<String, Matrix> forward, @Nullable Map<String, Matrix> backward,
            @Nullable Matrix a0, @Nullable Matrix c0, @Nullable Matrix a0Backward, @Nullable Matrix c0Backward) {
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
        List<ParameterShape> shapes = type.parameters().stream().map(ParameterShape::inLayer).toList();
        Dimension nA = ShapeCheck.N_A;
        Dimension m = ShapeCheck.M;
        Integer below = check.size(Symbol.N_X);
        String belowText = "n_x, the rows of x";
        for (int l = 0; l < layers.size(); l++) {
            String field = "layers[" + l + "]";
            Integer inputSize = below;
            String inputText = belowText;
            ShapeCheck[] self = new ShapeCheck[1];
            ShapeCheck scope = check.scoped(Map.of(Symbol.N_A, "n_a of " + field, Symbol.N_IN, "n_in of " + field),
                    () -> "n_in = " + (self[0].size(Symbol.N_IN) == null ? "?" : self[0].size(Symbol.N_IN)) + " is " + inputText);
            self[0] = scope;
            if (inputSize != null) {
                scope.define(Symbol.N_IN, inputSize);
            }
            NetworkInputs.Layer layer = layers.get(l);
            if (layer == null) {
                check.reject(field, "must be an object with \"forward\" and, for a bidirectional layer, \"backward\"");
                below = null;
                continue;
            }
            Map<String, Matrix> forward = direction(scope, type, shapes, field + ".forward", layer.forward());
            Map<String, Matrix> backward = layer.backward() == null ? null
                    : direction(scope, type, shapes, field + ".backward", layer.backward());
            Matrix a0 = scope.optionalMatrix(field + ".a0", layer.a0(), nA, m);
            Matrix c0 = scope.optionalMemory(type, field + ".c0", layer.c0());
            Matrix a0Backward = null;
            Matrix c0Backward = null;
            if (backward != null) {
                a0Backward = scope.optionalMatrix(field + ".a0_backward", layer.a0Backward(), nA, m);
                c0Backward = scope.optionalMemory(type, field + ".c0_backward", layer.c0Backward());
            }
            else {
                onlyBidirectional(check, field + ".a0_backward", layer.a0Backward());
                onlyBidirectional(check, field + ".c0_backward", layer.c0Backward());
            }
            read.add(new ReadLayer(scope, forward, backward, a0, c0, a0Backward, c0Backward));
            Integer hidden = scope.size(Symbol.N_A);
            int directions = backward == null ? 1 : 2;
            below = hidden == null ? null : directions * hidden;
            belowText = hidden == null ? "read from this layer's own weights: layer " + l + "'s output size is unknown, its own tensors being wrong"
                    : "layer " + l + "'s " + (directions == 2 ? "bidirectional output (2 · n_a = 2 · " + hidden + ")"
                            : "output (n_a = " + hidden + ")");
        }
        if (below != null) {
            check.define(Symbol.N_OUT, below);
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
        Matrix wy = check.matrix("output.Wy", output.get("Wy"), ShapeCheck.N_Y, ShapeCheck.N_OUT);
        Matrix by = check.bias("output.by", output.get("by"), ShapeCheck.N_Y);
        return new OutputLayer(wy, by.getRowDimension() == wy.getRowDimension() ? by : new Matrix(wy.getRowDimension(), 1));
    }

    private static Map<String, Matrix> direction(ShapeCheck scope, CellType type, List<ParameterShape> shapes,
            String field, @Nullable Map<String, @Nullable Tensor> parameters) {
        if (parameters == null) {
            scope.reject(field, "is required: an object with " + names(type));
        }
        return scope.parameters(field, shapes, parameters);
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
