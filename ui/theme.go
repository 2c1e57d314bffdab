package ui

import (
	"os"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// theme holds the few styles the dashboard uses. Colours are the eight
// basic ANSI ones (tcell maps them on any terminal), and every state a
// colour shows is also carried by text or an attribute ("▲ SPIKE", bold,
// reverse), so the screen stays readable on 8-colour terminals and with
// NO_COLOR (https://no-color.org), where colours are left out entirely.
type theme struct {
	mono bool

	text, dim, head, title tcell.Style
	bad, warn, good        tcell.Style
	banner, calm           tcell.Style // the spike banner, the line shown instead
	selected               tcell.Style // selected row of the focused table
	field, button          tcell.Style // text fields and buttons of the dialogs
	border, focusBorder    tcell.Color
}

// newTheme returns the monochrome theme when NO_COLOR is set and not
// empty (as https://no-color.org asks), the colour one otherwise.
func newTheme() *theme { return themeFor(os.Getenv("NO_COLOR") != "") }

func themeFor(mono bool) *theme {
	base := tcell.StyleDefault
	if mono {
		return &theme{
			mono: true,
			text: base, dim: base.Dim(true), head: base.Bold(true).Underline(true), title: base.Bold(true),
			bad: base.Bold(true), warn: base.Bold(true), good: base,
			banner: base.Reverse(true).Bold(true), calm: base.Dim(true),
			selected: base.Reverse(true),
			field:    base.Underline(true), button: base.Bold(true),
			border: tcell.ColorDefault, focusBorder: tcell.ColorDefault,
		}
	}
	return &theme{
		text:     base,
		dim:      base.Foreground(tcell.ColorGray),
		head:     base.Foreground(tcell.ColorYellow).Bold(true),
		title:    base.Foreground(tcell.ColorTeal).Bold(true),
		bad:      base.Foreground(tcell.ColorRed).Bold(true),
		warn:     base.Foreground(tcell.ColorYellow),
		good:     base.Foreground(tcell.ColorGreen),
		banner:   base.Background(tcell.ColorMaroon).Foreground(tcell.ColorWhite).Bold(true),
		calm:     base.Foreground(tcell.ColorGreen),
		selected: base.Reverse(true),
		field:    base.Background(tcell.ColorNavy).Foreground(tcell.ColorWhite),
		button:   base.Background(tcell.ColorNavy).Foreground(tcell.ColorWhite),
		border:   tcell.ColorGray, focusBorder: tcell.ColorTeal,
	}
}

// apply sets tview's global styles so that widgets we do not draw
// ourselves (borders, input fields, lists, the help page) follow the theme
// and keep the terminal's own background.
func (t *theme) apply() {
	s := tview.Theme{
		PrimitiveBackgroundColor:    tcell.ColorDefault,
		ContrastBackgroundColor:     tcell.ColorDefault,
		MoreContrastBackgroundColor: tcell.ColorDefault,
		BorderColor:                 t.border,
		TitleColor:                  tcell.ColorDefault,
		GraphicsColor:               t.border,
		PrimaryTextColor:            tcell.ColorDefault,
		SecondaryTextColor:          tcell.ColorDefault,
		TertiaryTextColor:           tcell.ColorDefault,
		InverseTextColor:            tcell.ColorDefault,
		ContrastSecondaryTextColor:  tcell.ColorDefault,
	}
	if !t.mono {
		s.TitleColor = tcell.ColorTeal
		s.SecondaryTextColor = tcell.ColorYellow
		s.TertiaryTextColor = tcell.ColorGreen
		s.ContrastBackgroundColor = tcell.ColorNavy
	}
	tview.Styles = s
}

// classStyle colours a status class: 5xx red, 4xx yellow, the rest plain.
func (t *theme) classStyle(class int) tcell.Style {
	switch class {
	case 5:
		return t.bad
	case 4:
		return t.warn
	case 2:
		return t.good
	}
	return t.text
}
