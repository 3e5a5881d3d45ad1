"""The seed's Keras model on Fashion-MNIST, timed the way `traintop bench` times it.

784 -> 128 relu -> dropout 0.3 -> 10 softmax, Adam 0.001, batch 100, 10 epochs,
validating on the 10k test split after each epoch. Reads the same IDX files
traintop reads, so both see identical data. Prints one JSON line.
"""
import gzip
import json
import os
import resource
import statistics
import sys
import time

import numpy as np


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    folder = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    threads = int(os.environ.get("KERAS_THREADS", "1"))
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    tf.keras.utils.set_random_seed(1)

    def load(prefix):
        x = read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte.gz")).reshape(-1, 784)
        y = read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte.gz"))
        return x.astype("float32") / 255.0, y.astype("int64")

    x_train, y_train = load("train")
    x_test, y_test = load("t10k")
    model = tf.keras.Sequential(
        [
            tf.keras.Input(shape=(784,)),
            tf.keras.layers.Dense(128, activation="relu"),
            tf.keras.layers.Dropout(0.3),
            tf.keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=tf.keras.optimizers.Adam(0.001),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )

    class Timer(tf.keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            seconds.append(time.perf_counter() - self.start)

    seconds = []
    history = model.fit(
        x_train, y_train, batch_size=100, epochs=epochs, validation_data=(x_test, y_test),
        callbacks=[Timer()], verbose=0,
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "median_epoch_seconds": statistics.median(seconds),
        "epochs": seconds,
        "final_val_accuracy": history.history["val_accuracy"][-1],
        "peak_rss_mb": peak_mb,
        "threads": threads,
        "tensorflow": tf.__version__,
    }))


if __name__ == "__main__":
    main()
