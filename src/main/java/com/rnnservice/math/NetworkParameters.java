package com.rnnservice.math;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A network of one kind of cell described by its parameters: for every layer, each direction's stacked parameters
 * and the state it starts from. Optimizers see the parameters by path, {@code layers[1].backward.Wf}, so that one
 * flat map of views holds a whole network.
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
     * @param forward the forward direction's parameters
     * @param initial the forward direction's initial state
     * @param backward the reverse direction's parameters; {@code null} for a one-directional layer
     * @param initialBackward the reverse direction's initial state; {@code null} exactly when {@code backward} is
     */
    public record LayerParameters(Parameters forward, State initial, @Nullable Parameters backward,
            @Nullable State initialBackward) {

        public LayerParameters {
            Check.that((backward == null) == (initialBackward == null),
                    () -> "a reverse direction has parameters and an initial state, or neither");
        }
    }

    public NetworkParameters {
        layers = List.copyOf(layers);
    }

    /** The path of a parameter: {@code layers[0].forward.Wf}. */
    public static String path(int layer, boolean backward, String name) {
        return "layers[" + layer + "]." + (backward ? "backward" : "forward") + "." + name;
    }

    /** The network, its cells built over these parameters (not copied), on {@code kernel}. */
    public Network build(Kernel kernel) {
        List<Network.Layer> built = new ArrayList<>(this.layers.size());
        for (LayerParameters layer : this.layers) {
            Parameters backward = layer.backward();
            State initialBackward = layer.initialBackward();
            built.add(new Network.Layer(new Network.Direction(this.type.cell(layer.forward()), layer.initial()),
                    backward == null || initialBackward == null ? null
                            : new Network.Direction(this.type.cell(backward), initialBackward)));
        }
        return new Network(kernel, built);
    }

    /** Every parameter by its path, bottom layer first, forward before backward, each in the declared order: views. */
    public Map<String, Matrix> byPath() {
        Map<String, Matrix> flat = new LinkedHashMap<>();
        for (int l = 0; l < this.layers.size(); l++) {
            LayerParameters layer = this.layers.get(l);
            int at = l;
            layer.forward().named().forEach((name, value) -> flat.put(path(at, false, name), value));
            Parameters backward = layer.backward();
            if (backward != null) {
                backward.named().forEach((name, value) -> flat.put(path(at, true, name), value));
            }
        }
        return flat;
    }

    /** The network's parameter gradients by the paths of the parameters they belong to ({@code layers[0].forward.Wf}). */
    public Map<String, Matrix> gradientsByPath(Network.Gradients gradients) {
        Map<String, Matrix> flat = new LinkedHashMap<>();
        for (int l = 0; l < gradients.layers().size(); l++) {
            Network.LayerGradients layer = gradients.layers().get(l);
            int at = l;
            layer.forward().parameters().forEach((name, g) -> flat.put(path(at, false, name.substring(1)), g));
            SequenceGradients backward = layer.backward();
            if (backward != null) {
                backward.parameters().forEach((name, g) -> flat.put(path(at, true, name.substring(1)), g));
            }
        }
        return flat;
    }
}
