// The chart island: loaded (after uPlot) only on pages with charts. It draws each
// <figure data-chart> from the JSON in its <script type="application/json">; the figure's table
// already holds the same figures, so without JavaScript nothing is lost. Kept as a string so the
// compiled server carries it without a copy step.
export const CHARTS_JS = `(function(){
"use strict";
if(typeof uPlot!=="function")return;
var COLORS=["#00558c","#c25e00","#1e6b35","#7b2d8e","#5c5c5c"];
function bars(el,d,width){
  var n=d.labels.length,k=d.series.length;
  var xs=[];for(var i=0;i<n;i++)xs.push(i);
  var data=[xs].concat(d.series.map(function(s){return s.values;}));
  var series=[{}].concat(d.series.map(function(s,j){
    return {label:s.label,stroke:COLORS[j%COLORS.length],fill:COLORS[j%COLORS.length],width:2,
      paths:function(){return null;},points:{show:false},
      value:function(u,v){return v==null?"":(d.percent?Math.round(v*100)+"%":String(v));}};
  }));
  var top=d.percent?1:Math.max(1,d.max||0);
  return new uPlot({width:width,height:260,series:series,legend:{show:true,live:false},cursor:{show:false},
    scales:{x:{time:false,range:[-0.5,n-0.5]},y:{range:[0,top]}},
    axes:[{splits:xs,values:function(u,vals){return vals.map(function(v){return d.labels[v]||"";});},size:50},
      {values:function(u,vals){return vals.map(function(v){return d.percent?Math.round(v*100)+"%":v;});}}],
    hooks:{draw:[function(u){
      var ctx=u.ctx;ctx.save();var w=0.8/k;
      for(var j=0;j<k;j++){if(!u.series[j+1].show)continue;ctx.fillStyle=COLORS[j%COLORS.length];
        for(var i=0;i<n;i++){var v=d.series[j].values[i]||0;
          var x0=u.valToPos(i-0.4+w*j,"x",true),x1=u.valToPos(i-0.4+w*(j+1),"x",true);
          var y0=u.valToPos(v,"y",true),y1=u.valToPos(0,"y",true);
          ctx.fillRect(x0+1,y0,Math.max(1,x1-x0-2),y1-y0);}}
      ctx.restore();}]}},data,el);
}
function heatmap(el,d,width){
  var rows=d.yLabels.length,cols=d.xLabels.length,max=1;
  d.values.forEach(function(r){r.forEach(function(v){if(v>max)max=v;});});
  var xs=[];for(var i=0;i<cols;i++)xs.push(i);
  return new uPlot({width:width,height:70+rows*34,legend:{show:false},cursor:{show:false},
    series:[{},{label:"",stroke:"transparent",points:{show:false}}],
    scales:{x:{time:false,range:[-0.5,cols-0.5]},y:{range:[-0.5,rows-0.5],dir:-1}},
    axes:[{splits:xs,values:function(u,vals){return vals.map(function(v){return d.xLabels[v]||"";});}},
      {size:Math.min(280,24+8*d.yLabels.reduce(function(m,l){return Math.max(m,String(l).length);},0)),splits:d.yLabels.map(function(_,i){return i;}),values:function(u,vals){return vals.map(function(v){return d.yLabels[v]||"";});}}],
    hooks:{draw:[function(u){
      var ctx=u.ctx;ctx.save();
      for(var r=0;r<rows;r++)for(var c=0;c<cols;c++){
        var v=d.values[r][c];
        var x0=u.valToPos(c-0.48,"x",true),x1=u.valToPos(c+0.48,"x",true);
        var y0=u.valToPos(r+0.45,"y",true),y1=u.valToPos(r-0.45,"y",true);
        var a=v?0.2+0.8*v/max:0.04;
        ctx.fillStyle="rgba(0,85,140,"+a+")";ctx.fillRect(x0,y0,x1-x0,y1-y0);
        if(v){ctx.fillStyle=a>0.55?"#fff":"#000";ctx.font=(12*devicePixelRatio)+"px sans-serif";ctx.textAlign="center";ctx.textBaseline="middle";ctx.fillText(String(v),(x0+x1)/2,(y0+y1)/2);}
      }
      ctx.restore();}]}},[xs,xs.map(function(){return null;})],el);
}
function draw(fig){
  var src=fig.querySelector("script[type='application/json']");
  var el=fig.querySelector(".chart-canvas");
  if(!src||!el)return;
  var d;try{d=JSON.parse(src.textContent||"{}");}catch(e){return;}
  el.textContent="";
  var width=Math.max(280,Math.min(fig.clientWidth-24,900));
  if(d.kind==="heatmap")heatmap(el,d,width);else bars(el,d,width);
  var note=fig.querySelector(".no-chart");if(note)note.hidden=true;
}
document.querySelectorAll("figure[data-chart]").forEach(draw);
})();`;
