// Package ui is the terminal dashboard (tview): it renders stats snapshots
// and never touches an aggregator.
package ui
