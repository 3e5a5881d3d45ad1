/// Dashboard: app state, messages, update and view. Filled in by the dashboard issue.
import NeuralEngine
import TerminalUI
