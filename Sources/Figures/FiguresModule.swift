import NeuralEngine
import TerminalUI
import TrainingRuns
