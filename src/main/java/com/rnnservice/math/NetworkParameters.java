package com.rnnservice.math;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

/**
 * A network of one kind of cell described by its parameters: for every layer, each direction's
 * parameters by name and the state it starts from. Optimizers see the parameters by path,
 * {@code layers[1].backward.Wf}, so that one flat map holds a whole network.
 *
 * @param type the kind of cell every layer uses
 * @param layers bottom first
 */
public record NetworkParameters(CellType type, List<LayerParameters> layers) {

    /** The path of the output layer's weights in {@link #byPath()}-style maps. */
    public static final String OUTPUT_WEIGHTS = "output.Wy";

    /** The path of the output layer's bias. */
    public static final String OUTPUT_BIAS = "output.by";

    /**
     * One layer.
     *
     * @param forward the forward direction's parameters by name ({@code Wf}, {@code bf}, ...)
     * @param initial the forward direction's initial state
     * @param backward the reverse direction's parameters; {@code null} for a one-directional layer
     * @param initialBackward the reverse direction's initial state; {@code null} exactly when {@code backward} is
     */
    public record LayerParameters(Map<String, RealMatrix> forward, State initial,
            @Nullable Map<String, RealMatrix> backward, @Nullable State initialBackward) {
    }

    public NetworkParameters {
        layers = List.copyOf(layers);
    }

    /** The path of a parameter: {@code layers[0].forward.Wf}. */
    public static String path(int layer, boolean backward, String name) {
        return "layers[" + layer + "]." + (backward ? "backward" : "forward") + "." + name;
    }

    /** The network, its cells built from these parameters. */
    public Network build() {
        List<Network.Layer> built = new ArrayList<>(this.layers.size());
        for (LayerParameters layer : this.layers) {
            Map<String, RealMatrix> backward = layer.backward();
            State initialBackward = layer.initialBackward();
            built.add(new Network.Layer(new Network.Direction(this.type.create(layer.forward()), layer.initial()),
                    backward == null || initialBackward == null ? null
                            : new Network.Direction(this.type.create(backward), initialBackward)));
        }
        return new Network(built);
    }

    /** Every parameter by its path, bottom layer first, forward before backward, each in the cell's order. */
    public Map<String, RealMatrix> byPath() {
        Map<String, RealMatrix> flat = new LinkedHashMap<>();
        for (int l = 0; l < this.layers.size(); l++) {
            LayerParameters layer = this.layers.get(l);
            for (ParameterShape shape : this.type.parameters()) {
                flat.put(path(l, false, shape.name()), layer.forward().get(shape.name()));
            }
            Map<String, RealMatrix> backward = layer.backward();
            if (backward != null) {
                for (ParameterShape shape : this.type.parameters()) {
                    flat.put(path(l, true, shape.name()), backward.get(shape.name()));
                }
            }
        }
        return flat;
    }

    /** These layers with the parameters {@code flat} gives by path (as {@link #byPath()} names them); initial states kept. */
    public NetworkParameters withPaths(Map<String, RealMatrix> flat) {
        List<LayerParameters> next = new ArrayList<>(this.layers.size());
        for (int l = 0; l < this.layers.size(); l++) {
            LayerParameters layer = this.layers.get(l);
            next.add(new LayerParameters(pick(flat, l, false), layer.initial(),
                    layer.backward() == null ? null : pick(flat, l, true), layer.initialBackward()));
        }
        return new NetworkParameters(this.type, next);
    }

    /** The parameter gradients of a backward pass through this network, keyed by path as {@link #byPath()}. */
    public Map<String, RealMatrix> gradientsByPath(Network.Gradients gradients) {
        Map<String, RealMatrix> flat = new LinkedHashMap<>();
        for (int l = 0; l < gradients.layers().size(); l++) {
            Network.LayerGradients layer = gradients.layers().get(l);
            for (ParameterShape shape : this.type.parameters()) {
                flat.put(path(l, false, shape.name()), layer.forward().parameters().get(shape.gradientName()));
            }
            SequenceGradients backward = layer.backward();
            if (backward != null) {
                for (ParameterShape shape : this.type.parameters()) {
                    flat.put(path(l, true, shape.name()), backward.parameters().get(shape.gradientName()));
                }
            }
        }
        return flat;
    }

    private Map<String, RealMatrix> pick(Map<String, RealMatrix> flat, int layer, boolean backward) {
        Map<String, RealMatrix> named = new LinkedHashMap<>();
        for (ParameterShape shape : this.type.parameters()) {
            named.put(shape.name(), flat.get(path(layer, backward, shape.name())));
        }
        return named;
    }
}
