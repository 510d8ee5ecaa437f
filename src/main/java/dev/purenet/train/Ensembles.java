package dev.purenet.train;

import dev.purenet.Ensemble;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import io.vavr.collection.Vector;
import java.util.function.UnaryOperator;

/** Training the members of an {@link Ensemble}: one experiment run from several seeds. */
public final class Ensembles {
    private Ensembles() {}

    /**
     * Runs {@code experiment} once per seed, one after the other, and gathers each run's last
     * network (the network of its last epoch, as {@code train --out} writes it). Each member is
     * exactly {@code experiment.withSeed(seed)} run on {@code training}, so it can be replayed
     * on its own.
     *
     * @param experiment the settings every member shares; its own seed is not used
     * @param training   the training data; its fingerprint must be the experiment's
     * @param monitor    measures each trained epoch; must measure the evaluation accuracy when
     *                   the experiment has a stopping rule
     * @param seeds      one per member, at least one
     * @return the ensemble, members in the order of {@code seeds}
     * @throws IllegalArgumentException if there are no seeds or {@code training} is not the
     *         experiment's data
     */
    public static Ensemble train(Experiment experiment, Dataset training, UnaryOperator<Epoch> monitor, long... seeds) {
        if (seeds.length == 0) {
            throw new IllegalArgumentException("an ensemble needs at least one seed, got none");
        }
        experiment.requireData(training);
        Vector<Network> members = Vector.empty();
        for (long seed : seeds) {
            members = members.append(experiment.withSeed(seed).run(training, monitor).last().network());
        }
        return new Ensemble(members);
    }

    /**
     * {@link #train(Experiment, Dataset, UnaryOperator, long...)} without measuring epochs, for
     * experiments without a stopping rule.
     *
     * @param experiment the settings every member shares; its own seed is not used
     * @param training   the training data; its fingerprint must be the experiment's
     * @param seeds      one per member, at least one
     * @return the ensemble, members in the order of {@code seeds}
     * @throws IllegalArgumentException as the other overload, or if the experiment has a stopping
     *         rule (which needs a monitor measuring the evaluation accuracy)
     */
    public static Ensemble train(Experiment experiment, Dataset training, long... seeds) {
        if (experiment.earlyStopping().isPresent() || experiment.halveAfter().isPresent()) {
            throw new IllegalArgumentException("the experiment stops on the evaluation accuracy (early stopping or halving);"
                    + " give a monitor that measures it: Ensembles.train(experiment, training, monitor, seeds)");
        }
        return train(experiment, training, UnaryOperator.identity(), seeds);
    }
}
